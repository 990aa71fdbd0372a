// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobinfo.h"

#include <QElapsedTimer>

#include <atomic>

namespace mirstudio {

class PluginSpec;

/**
 * The runner's private record of one job: the public snapshot plus what the worker needs.
 * Shared (std::shared_ptr) by JobRunner, the worker's runnable and the job's HostJobContext;
 * every field but `cancelled` is guarded by RunnerShared::mutex.
 */
struct JobRecord
{
    JobInfo info;
    PluginSpec *plugin = nullptr;
    std::atomic<bool> cancelled{false};
    QElapsedTimer cancelClock;      ///< started by cancel()
    QElapsedTimer notifyClock;      ///< throttles progress notifications
};

} // namespace mirstudio
