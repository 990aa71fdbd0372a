// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/atomicfile.h"

#include "core/media/mediaerror.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mirstudio::media {

namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool fsyncRetrying(int fd)
{
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    return rc == 0;
}

} // namespace

QString AtomicFile::tempPrefix(const QString &path)
{
    return QFileInfo(path).fileName() + QStringLiteral(".part-");
}

int AtomicFile::removeStaleTemps(const QString &path)
{
    const QString prefix = tempPrefix(path);
    QDir dir = QFileInfo(path).absoluteDir();
    int removed = 0;
    const QStringList names = dir.entryList({prefix + QLatin1Char('*')},
                                            QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        // Names are <file>.part-<pid>-<random>; keep the temps of writers still alive.
        const QString pidText = name.mid(prefix.size()).section(QLatin1Char('-'), 0, 0);
        bool ok = false;
        const qint64 pid = pidText.toLongLong(&ok);
        if (ok && pid == qint64(::getpid()))
            continue; // ours: only a write in progress on another thread can own it
        if (ok && pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM))
            continue;
        if (dir.remove(name))
            ++removed;
    }
    return removed;
}

AtomicFile::AtomicFile(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
    removeStaleTemps(m_path);
    const QString dirPath = QFileInfo(m_path).absolutePath();
    for (int attempt = 0; attempt < 16 && m_fd < 0; ++attempt) {
        m_tempPath = dirPath + QLatin1Char('/') + tempPrefix(m_path) +
                     QString::number(qint64(::getpid())) + QLatin1Char('-') +
                     QString::number(QRandomGenerator::global()->generate64(), 36);
        m_fd = ::open(QFile::encodeName(m_tempPath).constData(),
                      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (m_fd < 0 && errno != EEXIST) {
            const int err = errno;
            m_tempPath.clear();
            throw MediaError(m_path, QStringLiteral("cannot create a temporary file in %1: %2")
                                         .arg(dirPath, errnoText(err)));
        }
    }
    if (m_fd < 0) {
        m_tempPath.clear();
        throw MediaError(m_path, QStringLiteral("cannot create a unique temporary file in %1")
                                     .arg(dirPath));
    }
    // Keep the permissions of the file we replace.
    struct stat st;
    if (::stat(QFile::encodeName(m_path).constData(), &st) == 0)
        ::fchmod(m_fd, st.st_mode & 07777);
}

AtomicFile::~AtomicFile()
{
    discard();
}

AtomicFile::AtomicFile(AtomicFile &&other) noexcept
    : m_path(std::move(other.m_path))
    , m_tempPath(std::exchange(other.m_tempPath, QString()))
    , m_fd(std::exchange(other.m_fd, -1))
{
}

AtomicFile &AtomicFile::operator=(AtomicFile &&other) noexcept
{
    if (this != &other) {
        discard();
        m_path = std::move(other.m_path);
        m_tempPath = std::exchange(other.m_tempPath, QString());
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void AtomicFile::discard() noexcept
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_tempPath.isEmpty())
        ::unlink(QFile::encodeName(m_tempPath).constData());
    m_tempPath.clear();
}

void AtomicFile::fail(const QString &step, int err)
{
    discard();
    throw MediaError(m_path, QStringLiteral("%1 failed: %2").arg(step, errnoText(err)));
}

void AtomicFile::write(const QByteArray &bytes)
{
    if (m_fd < 0)
        throw MediaError(m_path, QStringLiteral("write() on a finished AtomicFile"));
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.constData() + done, std::size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(QStringLiteral("writing"), n < 0 ? errno : ENOSPC);
        done += n;
    }
}

void AtomicFile::commit()
{
    if (m_fd < 0)
        throw MediaError(m_path, QStringLiteral("commit() on a finished AtomicFile"));
    if (!fsyncRetrying(m_fd))
        fail(QStringLiteral("fsync"), errno);
    const int closeRc = ::close(m_fd);
    m_fd = -1;
    if (closeRc != 0)
        fail(QStringLiteral("close"), errno);
    if (::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_path).constData()) != 0)
        fail(QStringLiteral("rename"), errno);
    m_tempPath.clear(); // renamed: nothing left to delete
    // The rename is only durable once the folder entry is on disk.
    const QByteArray dir = QFile::encodeName(QFileInfo(m_path).absolutePath());
    const int dirFd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        fail(QStringLiteral("opening the folder for fsync"), errno);
    const bool synced = fsyncRetrying(dirFd);
    const int err = errno;
    ::close(dirFd);
    if (!synced)
        fail(QStringLiteral("fsync of the folder"), err);
}

void AtomicFile::writeFile(const QString &path, const QByteArray &bytes)
{
    AtomicFile f(path);
    f.write(bytes);
    f.commit();
}

} // namespace mirstudio::media
