// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/runnershared.h"

#include "core/host/jobrunner.h"

namespace mirstudio {

void RunnerShared::postLocked(std::function<void(JobRunner *)> f)
{
    if (!runner)
        return;
    JobRunner *r = runner;
    // Queued to the runner's thread; dropped by Qt if the runner is deleted before it runs.
    QMetaObject::invokeMethod(r, [r, f = std::move(f)] { f(r); }, Qt::QueuedConnection);
}

} // namespace mirstudio
