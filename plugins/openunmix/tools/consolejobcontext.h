// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/recordingjobcontext.h"

#include <QTextStream>

namespace mirstudio::openunmix {

/**
 * The SDK's RecordingJobContext for command-line tools that also prints: progress at most every
 * 5 s (and at 100 %) and every log line, to stderr. Keeps only the newest 1000 records. Never
 * cancelled unless asked. Used on the thread that runs the method only.
 */
class ConsoleJobContext : public sdk::RecordingJobContext
{
public:
    ConsoleJobContext() { setHistoryLimit(1000); }

    void setProgress(double fraction, const QString &status) override
    {
        sdk::RecordingJobContext::setProgress(fraction, status);
        const qint64 now = elapsedMs();
        if (now - m_lastPrintMs < 5000 && fraction < 1.0)
            return;
        m_lastPrintMs = now;
        QTextStream(stderr) << QStringLiteral("[%1 s] %2 % %3\n").arg(now / 1000).arg(int(fraction * 100)).arg(status);
    }
    void log(const QString &line) override
    {
        sdk::RecordingJobContext::log(line);
        QTextStream(stderr) << line << '\n';
    }

private:
    qint64 m_lastPrintMs = -100000;
};

} // namespace mirstudio::openunmix
