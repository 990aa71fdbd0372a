// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/runnershared.h"
#include "plugins/sdk/jobcontext.h"

#include <memory>

namespace mirstudio {

/**
 * The JobContext a plugin sees: cancel flag, progress, partial results and log lines go into
 * the job's record (under the runner's mutex) and are announced on the runner's thread
 * (progress at most every 20 ms unless the status text changes). One per job; used by the
 * worker thread running the method.
 */
class HostJobContext : public sdk::JobContext
{
public:
    HostJobContext(std::shared_ptr<RunnerShared> shared, std::shared_ptr<JobRecord> record,
                   QString modelFolder, int threads);

    bool isCancelled() const override;
    void setProgress(double fraction, const QString &status = {}) override;
    void publishPartial(const QString &outputId, const sdk::Value &value, int64_t framesReady) override;
    void log(const QString &line) override;
    QString modelFolder() const override { return m_modelFolder; }
    int threads() const override { return m_threads; }

private:
    std::shared_ptr<RunnerShared> m_shared;
    std::shared_ptr<JobRecord> m_record;
    QString m_modelFolder;
    int m_threads;
};

} // namespace mirstudio
