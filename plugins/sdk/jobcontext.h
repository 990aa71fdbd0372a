// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QString>

namespace mirstudio::sdk {

/**
 * What a running method sees of its job. The host implements it; one instance per job, used
 * only from the thread that runs the method (the implementation is thread-safe for the host's
 * own reads). A plugin polls isCancelled() at least every 250 ms of work and returns (or throws
 * Cancelled) promptly when it is set.
 */
class JobContext
{
public:
    virtual ~JobContext() = default;

    /** True once the user (or the host) asked the job to stop. */
    virtual bool isCancelled() const = 0;
    /** Progress in [0, 1] with a short status text ("chunk 3/12"). Cheap; call freely. */
    virtual void setProgress(double fraction, const QString &status = {}) = 0;
    /**
     * Hands over a partial result under an output id (e.g. the stems of the chunks done so far,
     * as a full-length StemSet whose unfinished part is silent, plus `framesReady`). The host
     * may show it at once; the final result replaces it.
     */
    virtual void publishPartial(const QString &outputId, const Value &value, int64_t framesReady) = 0;
    /** A line for the job log (shown in the job panel / CLI with --verbose). */
    virtual void log(const QString &line) = 0;
    /** Absolute folder where this plugin's weight files live (manifest runtime.weights). */
    virtual QString modelFolder() const = 0;
    /** Number of compute threads the host allows this job (torch intra-op threads are set for it). */
    virtual int threads() const = 0;
};

} // namespace mirstudio::sdk
