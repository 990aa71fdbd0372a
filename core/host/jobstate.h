// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace mirstudio {

/**
 * A job's state. Queued → Running → Done | Failed | Cancelled; a job cancelled while running
 * that does not return within the runner's abandon timeout becomes Abandoned (its result is
 * discarded whenever it comes, and its plugin is put in Error).
 */
enum class JobState { Queued, Running, Done, Failed, Cancelled, Abandoned };

QString jobStateName(JobState state);   ///< "queued", "running", "done", ...
/** True for Done, Failed, Cancelled and Abandoned. */
inline bool isFinished(JobState state) { return state != JobState::Queued && state != JobState::Running; }

} // namespace mirstudio

Q_DECLARE_METATYPE(mirstudio::JobState)
