// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/hostjobcontext.h"

#include "core/host/jobrunner.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace mirstudio {

HostJobContext::HostJobContext(std::shared_ptr<RunnerShared> shared, std::shared_ptr<JobRecord> record,
                               QString modelFolder, int threads)
    : m_shared(std::move(shared)), m_record(std::move(record)), m_modelFolder(std::move(modelFolder)),
      m_threads(threads)
{
}

bool HostJobContext::isCancelled() const
{
    return m_record->cancelled.load(std::memory_order_relaxed);
}

void HostJobContext::setProgress(double fraction, const QString &status)
{
    if (!std::isfinite(fraction))
        return;
    QMutexLocker lock(&m_shared->mutex);
    JobInfo &info = m_record->info;
    if (info.state != JobState::Running)
        return;
    const bool statusChanged = status != info.status;
    info.progress = std::clamp(fraction, 0.0, 1.0);
    info.status = status;
    if (!statusChanged && m_record->notifyClock.isValid() && m_record->notifyClock.elapsed() < 20)
        return;
    m_record->notifyClock.start();
    const int id = info.id;
    const double p = info.progress;
    m_shared->postLocked([id, p, status](JobRunner *r) { Q_EMIT r->jobProgress(id, p, status); });
}

void HostJobContext::publishPartial(const QString &outputId, const sdk::Value &value, int64_t framesReady)
{
    QMutexLocker lock(&m_shared->mutex);
    JobInfo &info = m_record->info;
    if (info.state != JobState::Running)
        return;
    info.partials.insert(outputId, value);
    info.partialFrames.insert(outputId, framesReady);
    const int id = info.id;
    m_shared->postLocked([id, outputId](JobRunner *r) { Q_EMIT r->jobPartialResult(id, outputId); });
}

void HostJobContext::log(const QString &line)
{
    QMutexLocker lock(&m_shared->mutex);
    m_record->info.log << line;
    const int id = m_record->info.id;
    m_shared->postLocked([id, line](JobRunner *r) { Q_EMIT r->jobLog(id, line); });
}

} // namespace mirstudio
