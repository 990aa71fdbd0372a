// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/jackserver.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

namespace mirstudio {

namespace {
QAtomicInt s_serverCounter;
}

JackServer::JackServer(QString name, int sampleRate, int period)
    : m_name(name.isEmpty() ? uniqueName() : std::move(name))
    , m_sampleRate(sampleRate)
    , m_period(period)
{
}

JackServer::~JackServer()
{
    stop();
}

QString JackServer::uniqueName()
{
    return QStringLiteral("mirstudio-%1-%2")
        .arg(QCoreApplication::applicationPid())
        .arg(s_serverCounter.fetchAndAddRelaxed(1));
}

bool JackServer::isAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("jackd")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("jack_wait")).isEmpty();
}

bool JackServer::start(QString *error, int timeoutSeconds)
{
    if (m_realtime) {
        QString realtimeError;
        if (startOnce(true, &realtimeError, timeoutSeconds))
            return true;
    }
    return startOnce(false, error, timeoutSeconds);
}

bool JackServer::startOnce(bool realtime, QString *error, int timeoutSeconds)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        stop();
        return false;
    };
    if (isRunning())
        return true;
    if (!isAvailable())
        return fail(QStringLiteral("jackd or jack_wait is not installed (package jackd2)"));
    m_log.clear();
    delete m_process;
    m_process = new QProcess;
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("JACK_NO_AUDIO_RESERVATION"), QStringLiteral("1"));
    env.insert(QStringLiteral("JACK_DEFAULT_SERVER"), m_name);
    m_process->setProcessEnvironment(env);
    // If this process dies (a crashing test), the kernel kills jackd too: no stray servers.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QStringList args{QStringLiteral("-n"), m_name};
    if (realtime)
        args << QStringLiteral("-R") << QStringLiteral("-P") << QStringLiteral("70");
    else
        args << QStringLiteral("--no-realtime");
    args << QStringLiteral("-d") << QStringLiteral("dummy") << QStringLiteral("-r")
         << QString::number(m_sampleRate) << QStringLiteral("-p") << QString::number(m_period);
    m_process->start(QStringLiteral("jackd"), args);
    if (!m_process->waitForStarted(5000))
        return fail(QStringLiteral("jackd did not start: %1").arg(m_process->errorString()));

    QProcess wait;
    wait.setProcessChannelMode(QProcess::MergedChannels);
    wait.setProcessEnvironment(env);
    wait.start(QStringLiteral("jack_wait"), {QStringLiteral("-s"), m_name, QStringLiteral("-w"),
                                             QStringLiteral("-t"),
                                             QString::number(timeoutSeconds)});
    const bool finished = wait.waitForFinished((timeoutSeconds + 5) * 1000);
    if (!finished) {
        wait.kill();
        wait.waitForFinished(1000);
    }
    if (!finished || wait.exitStatus() != QProcess::NormalExit || wait.exitCode() != 0
        || m_process->state() != QProcess::Running) {
        return fail(QStringLiteral("JACK server '%1' did not come up within %2 s: %3")
                        .arg(m_name)
                        .arg(timeoutSeconds)
                        .arg(log().trimmed().right(400)));
    }
    m_runningRealtime = realtime;
    return true;
}

void JackServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    log();
    delete m_process;
    m_process = nullptr;
}

void JackServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(3000);
    log();
}

bool JackServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString JackServer::log() const
{
    if (m_process)
        m_log += QString::fromLocal8Bit(m_process->readAll());
    return m_log;
}

void JackServer::exportToEnvironment() const
{
    qputenv("JACK_DEFAULT_SERVER", m_name.toLocal8Bit());
    qputenv("JACK_NO_AUDIO_RESERVATION", "1");
    qputenv("JACK_NO_START_SERVER", "1"); // a vanished server must not be respawned by libjack
}

bool JackServer::connectPorts(const QString &source, const QString &destination) const
{
    QProcess connect;
    connect.setProcessChannelMode(QProcess::MergedChannels);
    connect.start(QStringLiteral("jack_connect"),
                  {QStringLiteral("-s"), m_name, source, destination});
    if (!connect.waitForFinished(5000)) {
        connect.kill();
        connect.waitForFinished(1000);
        return false;
    }
    return connect.exitStatus() == QProcess::NormalExit && connect.exitCode() == 0;
}

} // namespace mirstudio
