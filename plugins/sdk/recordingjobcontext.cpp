// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/sdk/recordingjobcontext.h"

#include <QMutexLocker>

#include <utility>

namespace mirstudio::sdk {

template<typename T>
void RecordingJobContext::appendBounded(QList<T> &list, T item)
{
    if (m_historyLimit == 0)
        return;
    list.append(std::move(item));
    if (m_historyLimit > 0 && list.size() > m_historyLimit)
        list.removeFirst();
}

RecordingJobContext::RecordingJobContext(QString modelFolder, int threads)
    : m_modelFolder(std::move(modelFolder)), m_threads(threads)
{
    m_clock.start();
}

bool RecordingJobContext::isCancelled() const
{
    if (m_cancelled.load())
        return true;
    const int afterReports = m_cancelAfterReports.load();
    const qint64 afterMs = m_cancelAfterMs.load();
    if ((afterReports >= 0 && m_reportCount.load() >= afterReports)
        || (afterMs >= 0 && m_clock.elapsed() >= afterMs))
        m_cancelled.store(true);
    return m_cancelled.load();
}

void RecordingJobContext::setProgress(double fraction, const QString &status)
{
    {
        const QMutexLocker lock(&m_mutex);
        ++m_reports.progressCount;
        m_reports.lastProgress = fraction;
        m_reports.lastStatus = status;
        appendBounded(m_reports.progress, ProgressReport{fraction, status});
    }
    m_reportCount.fetch_add(1);
    const double atProgress = m_cancelAtProgress.load();
    if (atProgress >= 0.0 && fraction >= atProgress)
        m_cancelled.store(true);
}

void RecordingJobContext::publishPartial(const QString &outputId, const Value &value, int64_t framesReady)
{
    const QMutexLocker lock(&m_mutex);
    ++m_reports.partialCount;
    m_reports.lastFramesReady = framesReady;
    appendBounded(m_reports.partials, PartialReport{outputId, kindOf(value), framesReady});
}

void RecordingJobContext::log(const QString &line)
{
    const QMutexLocker lock(&m_mutex);
    appendBounded(m_reports.log, line);
}

void RecordingJobContext::setHistoryLimit(qsizetype entries)
{
    const QMutexLocker lock(&m_mutex);
    m_historyLimit = entries;
    trimToLimit();
}

void RecordingJobContext::trimToLimit()
{
    if (m_historyLimit < 0)
        return;
    const auto trim = [this](auto &list) {
        if (list.size() > m_historyLimit)
            list.remove(0, list.size() - m_historyLimit);
    };
    trim(m_reports.progress);
    trim(m_reports.partials);
    trim(m_reports.log);
}

RecordedReports RecordingJobContext::reports() const
{
    const QMutexLocker lock(&m_mutex);
    return m_reports;
}

} // namespace mirstudio::sdk
