// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/jobstate.h"

namespace mirstudio {

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Done: return QStringLiteral("done");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
    case JobState::Abandoned: return QStringLiteral("abandoned");
    }
    return {};
}

} // namespace mirstudio
