// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobrequest.h"
#include "core/host/jobstate.h"

#include <QMap>
#include <QStringList>

#include <cstdint>

namespace mirstudio {

/** A snapshot of one job (JobRunner::info()). Plain value; any thread. */
struct JobInfo
{
    int id = -1;
    JobRequest request;
    QString pluginVersion;
    QVariantMap resolvedParams;              ///< complete, normalised parameters
    JobState state = JobState::Queued;
    double progress = 0.0;                   ///< [0, 1]
    QString status;                          ///< plugin's short status text
    QString error;                           ///< why it failed / was abandoned
    sdk::ValueMap outputs;                   ///< final outputs (Done only)
    sdk::ValueMap partials;                  ///< latest partial outputs while running
    QMap<QString, int64_t> partialFrames;    ///< frames ready per partial output
    QStringList log;
};

} // namespace mirstudio
