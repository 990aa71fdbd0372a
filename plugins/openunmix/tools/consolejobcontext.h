// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace mirstudio::openunmix {

/**
 * A JobContext for command-line tools: never cancelled, prints progress at most every few
 * seconds and every log line to stderr. Used on the thread that runs the method only.
 */
class ConsoleJobContext : public sdk::JobContext
{
public:
    ConsoleJobContext() { m_clock.start(); }

    bool isCancelled() const override { return false; }
    void setProgress(double fraction, const QString &status) override
    {
        if (m_clock.elapsed() - m_lastPrint < 5000 && fraction < 1.0)
            return;
        m_lastPrint = m_clock.elapsed();
        QTextStream(stderr) << QStringLiteral("[%1 s] %2 % %3\n").arg(m_clock.elapsed() / 1000).arg(int(fraction * 100)).arg(status);
    }
    void publishPartial(const QString &, const sdk::Value &, int64_t) override {}
    void log(const QString &line) override { QTextStream(stderr) << line << '\n'; }
    QString modelFolder() const override { return {}; }
    int threads() const override { return 1; }

private:
    QElapsedTimer m_clock;
    qint64 m_lastPrint = -100000;
};

} // namespace mirstudio::openunmix
