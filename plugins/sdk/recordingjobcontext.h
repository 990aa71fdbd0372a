// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"
#include "plugins/sdk/recordedreports.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>

namespace mirstudio::sdk {

/**
 * A self-contained JobContext for tests and command-line tools (the host uses its own). It
 * records what the method reports (progress with status text, partial results, log lines; see
 * reports()) and can be cancelled: at once with cancel(), after N progress reports, once a
 * report reaches a fraction, or a number of milliseconds after construction.
 *
 * Threading: the method calls the JobContext overrides on its own thread; cancel(), the cancel
 * rules, elapsedMs() and reports() may be called from any other thread at the same time (the
 * cancel state is atomic, the records sit behind a mutex and reports() returns a copy).
 * Subclasses (e.g. a console context that also prints) call the base override first.
 */
class RecordingJobContext : public JobContext
{
public:
    explicit RecordingJobContext(QString modelFolder = {}, int threads = 1);

    bool isCancelled() const override;
    void setProgress(double fraction, const QString &status = {}) override;
    void publishPartial(const QString &outputId, const Value &value, int64_t framesReady) override;
    void log(const QString &line) override;
    QString modelFolder() const override { return m_modelFolder; }
    int threads() const override { return m_threads; }

    /** Raises the cancel flag now. */
    void cancel() { m_cancelled.store(true); }
    /** Cancelled once `reports` progress reports were made (0: at once). Negative: rule off. */
    void cancelAfterReports(int reports) { m_cancelAfterReports.store(reports); }
    /** Cancelled from the first progress report >= `fraction` on. Negative: rule off. */
    void cancelAtProgress(double fraction) { m_cancelAtProgress.store(fraction); }
    /** Cancelled once elapsedMs() >= `ms` (counted from construction). Negative: rule off. */
    void cancelAfterMs(qint64 ms) { m_cancelAfterMs.store(ms); }

    /**
     * Keeps at most `entries` in each record list (the oldest are dropped) so a long-running
     * tool does not grow without bound; negative (the default) keeps everything.
     */
    void setHistoryLimit(qsizetype entries);

    /** Milliseconds since construction. */
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    /** A copy of everything recorded so far. */
    RecordedReports reports() const;

private:
    template<typename T>
    void appendBounded(QList<T> &list, T item);
    void trimToLimit();

    const QString m_modelFolder;
    const int m_threads;
    QElapsedTimer m_clock;
    mutable std::atomic<bool> m_cancelled{false};
    std::atomic<int> m_reportCount{0};
    std::atomic<int> m_cancelAfterReports{-1};
    std::atomic<double> m_cancelAtProgress{-1.0};
    std::atomic<qint64> m_cancelAfterMs{-1};

    mutable QMutex m_mutex;
    qsizetype m_historyLimit = -1;
    RecordedReports m_reports;
};

} // namespace mirstudio::sdk
