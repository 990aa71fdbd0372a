// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobrecord.h"

#include <QMap>
#include <QMutex>
#include <QPointer>
#include <QWaitCondition>

#include <functional>
#include <memory>

namespace mirstudio {

class JobRunner;

/**
 * State shared between a JobRunner and its workers, kept alive by the workers after the runner
 * is gone (a job abandoned after cancel may still be running in a plugin). `mutex` guards the
 * records and `runner`; `changed` wakes JobRunner::wait(). post() runs a function on the
 * runner's thread if the runner still exists. Internal to core/host.
 */
struct RunnerShared
{
    QMutex mutex;
    QWaitCondition changed;
    QMap<int, std::shared_ptr<JobRecord>> jobs;
    JobRunner *runner = nullptr;

    /** Queues `f` onto the runner's thread; does nothing once the runner is destroyed. Lock held by caller. */
    void postLocked(std::function<void(JobRunner *)> f);
};

} // namespace mirstudio
