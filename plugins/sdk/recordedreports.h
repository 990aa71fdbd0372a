// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QList>
#include <QStringList>

namespace mirstudio::sdk {

/** One setProgress() call as a RecordingJobContext saw it. */
struct ProgressReport
{
    double fraction = 0.0;
    QString status;
};

/** One publishPartial() call as a RecordingJobContext saw it (the value itself is not kept). */
struct PartialReport
{
    QString outputId;
    ValueKind kind = ValueKind::None;
    int64_t framesReady = 0;
};

/**
 * What a method reported to a RecordingJobContext, as one consistent copy. The lists may be
 * trimmed to the context's history limit (oldest dropped); the counts and "last" values never are.
 */
struct RecordedReports
{
    int progressCount = 0;            ///< setProgress() calls so far
    double lastProgress = -1.0;       ///< fraction of the latest report; -1 before the first
    QString lastStatus;               ///< status text of the latest report
    QList<ProgressReport> progress;   ///< the reports, oldest first
    int partialCount = 0;             ///< publishPartial() calls so far
    int64_t lastFramesReady = -1;     ///< framesReady of the latest partial; -1 before the first
    QList<PartialReport> partials;    ///< the partials, oldest first
    QStringList log;                  ///< log() lines, oldest first
};

} // namespace mirstudio::sdk
