// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/atomicfilewriter.h"

#include "core/session/sessionerror.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mirstudio {

namespace {

[[noreturn]] void fail(const QString &path, const QString &step, int err)
{
    throw SessionError(path, QString(),
                       QStringLiteral("cannot save: %1 failed: %2")
                           .arg(step, QString::fromLocal8Bit(std::strerror(err))));
}

bool writeAll(int fd, const char *data, qsizetype size, int *err)
{
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, std::size_t(size - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        if (n == 0) {
            *err = ENOSPC;
            return false;
        }
        done += n;
    }
    return true;
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

QString AtomicFileWriter::tempPrefix(const QString &path)
{
    return QFileInfo(path).fileName() + QStringLiteral(".tmp-");
}

int AtomicFileWriter::removeStaleTemps(const QString &path)
{
    const QFileInfo target(path);
    const QString prefix = tempPrefix(path);
    QDir dir = target.absoluteDir();
    int removed = 0;
    const QStringList names = dir.entryList({prefix + QLatin1Char('*')},
                                            QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        // Names are <file>.tmp-<pid>-<random>; keep the temps of writers still alive.
        const QString rest = name.mid(prefix.size());
        const QString pidText = rest.section(QLatin1Char('-'), 0, 0);
        bool ok = false;
        const qint64 pid = pidText.toLongLong(&ok);
        if (ok && pid > 0 && pid != qint64(::getpid())) {
            if (::kill(pid_t(pid), 0) == 0 || errno == EPERM)
                continue;
        }
        if (ok && pid == qint64(::getpid()))
            continue; // ours: only a write in progress on another thread can own it
        if (dir.remove(name))
            ++removed;
    }
    return removed;
}

void AtomicFileWriter::write(const QString &path, const QByteArray &data)
{
    const QFileInfo target(path);
    const QString dirPath = target.absolutePath();
    removeStaleTemps(path);

    const QByteArray dirNative = QFile::encodeName(dirPath);
    const QByteArray targetNative = QFile::encodeName(target.absoluteFilePath());

    QByteArray tempNative;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        const QString tempName = tempPrefix(path) + QString::number(qint64(::getpid())) +
                                 QLatin1Char('-') +
                                 QString::number(QRandomGenerator::global()->generate64(), 36);
        tempNative = QFile::encodeName(dirPath + QLatin1Char('/') + tempName);
        fd = ::open(tempNative.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST)
            fail(path, QStringLiteral("creating a temporary file in %1").arg(dirPath), errno);
    }
    if (fd < 0)
        fail(path, QStringLiteral("creating a unique temporary file"), EEXIST);

    auto abandon = [&](const QString &step, int err) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(tempNative.constData());
        fail(path, step, err);
    };

    // Keep the permissions of the file we replace.
    struct stat st;
    if (::stat(targetNative.constData(), &st) == 0)
        ::fchmod(fd, st.st_mode & 07777);

    int err = 0;
    if (!writeAll(fd, data.constData(), data.size(), &err))
        abandon(QStringLiteral("writing"), err);
    if (!fsyncRetrying(fd))
        abandon(QStringLiteral("fsync"), errno);
    const int closeRc = ::close(fd);
    fd = -1;
    if (closeRc != 0)
        abandon(QStringLiteral("close"), errno);
    if (::rename(tempNative.constData(), targetNative.constData()) != 0)
        abandon(QStringLiteral("rename"), errno);

    // The rename is only durable once the folder entry is on disk.
    const int dirFd = ::open(dirNative.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        fail(path, QStringLiteral("opening the folder for fsync"), errno);
    const bool synced = fsyncRetrying(dirFd);
    const int syncErr = errno;
    ::close(dirFd);
    if (!synced)
        fail(path, QStringLiteral("fsync of the folder"), syncErr);
}

} // namespace mirstudio
