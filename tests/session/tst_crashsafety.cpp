// SPDX-License-Identifier: GPL-3.0-or-later
// "The last complete save always loads and nothing else is lost": the test re-launches itself
// as a child that saves a growing session in a loop, SIGKILLs it at random moments and checks,
// after every kill, that the session file loads and is exactly a version the child completed.
//
// Not QTEST_GUILESS_MAIN: main() first handles `--child-save <dir> <seed>`.
#include "core/session/addclipcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/renamesessioncommand.h"
#include "core/session/session.h"
#include "core/session/sessionerror.h"
#include "core/session/sessionjson.h"
#include "core/session/setnotescommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace mirstudio;

namespace {

constexpr int kMaxTracks = 32;

QString sessionPath(const QString &dir)
{
    return dir + QStringLiteral("/crash.mirsession");
}

/** Version N of the child's session: name "vN", N notes on track 0, min(N + 1, 32) tracks. */
qint64 versionOf(const SessionData &d)
{
    if (!d.name.startsWith(QLatin1Char('v')))
        return -1;
    bool ok = false;
    const qint64 n = d.name.mid(1).toLongLong(&ok);
    return ok ? n : -1;
}

void say(const QByteArray &line)
{
    // Unbuffered: the line is in the pipe before the next save starts.
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, line.constData() + done, size_t(line.size() - done));
        if (n <= 0)
            return;
        done += n;
    }
}

/** The child: continue the session in `dir` and save it, growing, until killed. */
int childSave(const QString &dir, quint32 seed)
{
    const QString path = sessionPath(dir);
    Session s;
    qint64 counter = 0;
    try {
        if (QFile::exists(path)) {
            s.load(path);
            counter = versionOf(s.data());
            if (counter < 0) {
                say("error: bad name\n");
                return 3;
            }
        }
    } catch (const SessionError &e) {
        say("error: " + e.text().toUtf8() + '\n');
        return 3;
    }
    TrackId notesTrack;
    ClipId clip;
    if (s.trackCount() == 0) {
        Track t;
        t.kind = Track::Kind::Midi;
        t.name = QStringLiteral("notes");
        auto *add = new AddTrackCommand(&s, t);
        notesTrack = add->trackId();
        s.push(add);
        auto *addClip = new AddClipCommand(&s, notesTrack, Clip{});
        clip = addClip->clipId();
        s.push(addClip);
    } else {
        notesTrack = s.tracks().front().id;
        clip = s.tracks().front().clips.at(0).id;
    }
    QRandomGenerator rng(seed);
    say("ready " + QByteArray::number(counter) + '\n');
    for (;;) {
        ++counter;
        s.push(new RenameSessionCommand(&s, QStringLiteral("v%1").arg(counter)));
        if (s.trackCount() < kMaxTracks) {
            Track t;
            t.kind = Track::Kind::Audio;
            t.name = QStringLiteral("t%1").arg(counter);
            t.gainDb = -double(rng.bounded(60));
            s.push(new AddTrackCommand(&s, t));
        }
        const MidiNote note{int(rng.bounded(128)), 100, counter * 10, 10, 0};
        s.push(SetNotesCommand::addNotes(&s, notesTrack, clip, {note}));
        try {
            s.save(path);
        } catch (const SessionError &e) {
            say("error: " + e.text().toUtf8() + '\n');
            return 4;
        }
        say("saved " + QByteArray::number(counter) + '\n');
    }
}

QStringList tempFilesIn(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.part-*")}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lastCompleteSaveAlwaysLoads()
    {
        // GIVEN an empty folder and a seeded random source of kill delays
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const quint32 seed = qEnvironmentVariableIsSet("MIRSTUDIO_CRASH_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("MIRSTUDIO_CRASH_SEED"))
                                 : 20261125u;
        QRandomGenerator rng(seed);
        const QString path = sessionPath(dir.path());
        qint64 lastAck = 0;     // the highest version a child said it saved completely
        qint64 lastLoaded = 0;  // the version found after the previous kill
        int killsWithTempLeft = 0;
        int iterations = 0;
        QElapsedTimer clock;
        clock.start();

        for (; iterations < 200 && clock.elapsed() < 50'000; ++iterations) {
            // WHEN a child saves in a loop and is SIGKILLed 0-30 ms after it is ready
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--child-save"), dir.path(), QString::number(seed + iterations)});
            QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
            QByteArray out;
            while (!out.contains('\n') && child.state() == QProcess::Running) {
                child.waitForReadyRead(100);
                out += child.readAllStandardOutput();
            }
            QVERIFY2(out.startsWith("ready "), out.constData());
            // The child continues from the file it loaded: it must be the last version seen.
            QCOMPARE(out.mid(6, out.indexOf('\n') - 6).toLongLong(), lastLoaded);
            // What it loaded is complete too (it may be a save that was never acknowledged).
            lastAck = std::max(lastAck, lastLoaded);

            QThread::msleep(rng.bounded(31));
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10'000));
            out += child.readAllStandardOutput();
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            QVERIFY2(!out.contains("error"), out.constData());
            for (const QByteArray &line : out.split('\n'))
                if (line.startsWith("saved "))
                    lastAck = std::max(lastAck, line.mid(6).toLongLong());

            // THEN the session file exists once a save completed, loads, and is the last
            // acknowledged version or the one whose save was in flight when the child died
            if (!QFile::exists(path)) {
                QCOMPARE(lastAck, qint64(0));
                continue;
            }
            SessionData loaded;
            try {
                loaded = SessionJson::readFile(path);
            } catch (const SessionError &e) {
                QFAIL(qPrintable(QStringLiteral("iteration %1: the session does not load: %2")
                                     .arg(iterations)
                                     .arg(e.text())));
            }
            const qint64 version = versionOf(loaded);
            QVERIFY2(version >= lastAck && version <= lastAck + 1,
                     qPrintable(QStringLiteral("iteration %1: loaded v%2, last acknowledged v%3")
                                    .arg(iterations).arg(version).arg(lastAck)
                                    + QString::fromUtf8(out)));
            QVERIFY(version >= lastLoaded);
            // AND it is exactly that version: every part of it matches
            QCOMPARE(qint64(loaded.tracks.size()), std::min<qint64>(version + 1, kMaxTracks));
            QCOMPARE(qint64(loaded.tracks.at(0).clips.at(0).notes.size()), version);
            QCOMPARE(loaded.tracks.at(0).clips.at(0).notes.back().start, version * 10);
            lastLoaded = version;

            // AND at most the one temp file of the interrupted write is left (the next save
            // removes it)
            const QStringList temps = tempFilesIn(dir.path());
            QVERIFY2(temps.size() <= 1, qPrintable(temps.join(QLatin1Char(' '))));
            killsWithTempLeft += int(temps.size());
        }

        // THEN the run did real work, and a last clean save leaves no temp file behind
        QVERIFY2(iterations >= 50, "too few iterations ran in the time budget");
        QVERIFY(lastAck > 0);
        Session final;
        final.load(path);
        final.save(path);
        QVERIFY(tempFilesIn(dir.path()).isEmpty());
        qInfo("%d kills, %lld versions saved, %d kills interrupted a write, %lld ms", iterations,
              lastAck, killsWithTempLeft, clock.elapsed());
    }
};

int main(int argc, char **argv)
{
    if (argc >= 4 && std::strcmp(argv[1], "--child-save") == 0) {
        QCoreApplication app(argc, argv);
        return childSave(QString::fromLocal8Bit(argv[2]), quint32(std::strtoul(argv[3], nullptr, 10)));
    }
    QCoreApplication app(argc, argv);
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashsafety.moc"
