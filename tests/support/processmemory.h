// SPDX-License-Identifier: GPL-3.0-or-later
// Peak-memory probes for tests and benchmarks of long-file processing: fields of
// /proc/self/status, a resettable peak RSS, and re-running the current executable as a child so
// each measurement gets a fresh process.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <malloc.h>

#include <cstdio>

namespace mirstudio::testsupport {

/** A "Vm…:" field of /proc/self/status ("VmRSS", "VmHWM") in KiB; -1 when it is missing. */
inline qint64 procStatusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/**
 * Makes glibc map every allocation of 256 KiB or more on its own and unmap it on free (a fixed
 * mmap threshold turns off glibc's adaptive one, which otherwise lets large freed blocks linger in
 * the heap depending on the allocation history), so RSS follows the live working set. Call first
 * thing in a measuring child process.
 */
inline void useFixedMallocThresholds()
{
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
}

/**
 * Starts a peak-RSS window: returns the free heap to the system, then resets VmHWM to the
 * current RSS (writes "5" to /proc/self/clear_refs, Linux >= 4.0). Returns the RSS in KiB at the
 * start of the window, or -1 when the kernel refused the reset (then VmHWM covers the whole life
 * of the process).
 */
inline qint64 startPeakRssWindow()
{
    malloc_trim(0);
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
        return -1;
    clear.close();
    return procStatusKiB("VmRSS");
}

/**
 * Runs this executable again with `args` (the caller's main() recognises them) and returns its
 * standard output, or an empty string with `*error` set when it failed or ran past `timeoutMs`.
 */
inline QString runSelf(const QStringList &args, int timeoutMs, QString *error)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), args);
    if (!child.waitForFinished(timeoutMs) || child.exitStatus() != QProcess::NormalExit
        || child.exitCode() != 0) {
        child.kill();
        child.waitForFinished(1000);
        *error = QStringLiteral("child %1 failed: %2 %3")
                     .arg(args.join(QLatin1Char(' ')), child.errorString(),
                          QString::fromLocal8Bit(child.readAllStandardError().right(2000)));
        return {};
    }
    return QString::fromLocal8Bit(child.readAllStandardOutput());
}

/** The number after "key=" on a line of `output` (e.g. "working_kib=1234"); -1 when absent. */
inline double keyedValue(const QString &output, const QString &key)
{
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        if (line.startsWith(key + QLatin1Char('=')))
            return line.mid(key.size() + 1).trimmed().toDouble();
    }
    return -1.0;
}

/**
 * Child side of a working-memory measurement: prints "working_kib=" (the peak RSS since
 * `windowStartKiB` minus the `resultBytes` the caller's result necessarily holds) and the raw
 * figures. Returns 0, or 1 when the peak could not be windowed.
 */
inline int reportWorkingMemory(qint64 windowStartKiB, qint64 resultBytes)
{
    const qint64 peak = procStatusKiB("VmHWM");
    if (windowStartKiB < 0 || peak < 0)
        return 1;
    std::printf("window_start_kib=%lld\npeak_kib=%lld\nresult_kib=%lld\nworking_kib=%lld\n",
                (long long)windowStartKiB, (long long)peak, (long long)(resultBytes / 1024),
                (long long)(peak - windowStartKiB - resultBytes / 1024));
    std::fflush(stdout);
    return 0;
}

/**
 * Parent side: runs this executable as `<childFlag> <seconds>` and returns the child's
 * "working_kib", or -1 with `*error` set.
 */
inline qint64 childWorkingMemoryKiB(const char *childFlag, double seconds, QString *error)
{
    const QString out = runSelf({QString::fromLatin1(childFlag), QString::number(seconds)}, 120000, error);
    const qint64 kib = qint64(keyedValue(out, QStringLiteral("working_kib")));
    if (kib < 0 && error->isEmpty())
        *error = QStringLiteral("no working_kib in the child's output: ") + out;
    return kib;
}

/** Working memory of the same job on a short and a long input, each in a fresh child process. */
struct WorkingMemoryGrowth
{
    qint64 shortKiB = -1;
    qint64 longKiB = -1;
    QString error; ///< empty when both children reported
    qint64 growthKiB() const { return longKiB - shortKiB; }
};

inline WorkingMemoryGrowth workingMemoryGrowth(const char *childFlag, double shortSeconds, double longSeconds)
{
    WorkingMemoryGrowth g;
    g.shortKiB = childWorkingMemoryKiB(childFlag, shortSeconds, &g.error);
    if (g.error.isEmpty())
        g.longKiB = childWorkingMemoryKiB(childFlag, longSeconds, &g.error);
    return g;
}

} // namespace mirstudio::testsupport
