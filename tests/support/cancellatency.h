// SPDX-License-Identifier: GPL-3.0-or-later
// Cancel latency of a plugin job: run it on a thread, cancel once its first partial result is
// out, and time how long the job takes to return after the cancel.
#pragma once

#include "plugins/sdk/pluginerror.h"
#include "tests/support/cancelonpartialcontext.h"

#include <exception>
#include <functional>
#include <thread>

namespace mirstudio::testsupport {

/** What happened to a job cancelled after its first partial result. */
struct CancelOutcome
{
    bool sawPartial = false;     ///< a partial arrived before the job ended
    bool threwCancelled = false; ///< the job ended by throwing sdk::Cancelled
    QString otherError;          ///< what else it threw, or "returned normally"
    double latencyMs = -1.0;     ///< from raising the cancel flag to the job's return

    /** Empty when a partial came, the job threw Cancelled and returned within `limitMs`. */
    QString problem(double limitMs) const
    {
        if (!sawPartial)
            return QStringLiteral("no partial result before the job ended");
        if (!threwCancelled)
            return QStringLiteral("the job did not throw Cancelled: ") + otherError;
        if (latencyMs < 0.0 || latencyMs >= limitMs)
            return QStringLiteral("returned %1 ms after the cancel").arg(latencyMs);
        return {};
    }
};

/**
 * Runs `job(ctx)` on a new thread, waits (up to `partialTimeout`) for its first partial result,
 * cancels and joins. Blocks the calling thread.
 */
inline CancelOutcome cancelAfterFirstPartial(const std::function<void(sdk::JobContext &)> &job,
                                             CancelOnPartialContext &ctx,
                                             std::chrono::milliseconds partialTimeout)
{
    using Clock = CancelOnPartialContext::Clock;
    CancelOutcome outcome;
    std::atomic<bool> finished{false};
    Clock::time_point endedAt;
    std::thread worker([&] {
        try {
            job(ctx);
            outcome.otherError = QStringLiteral("returned normally");
        } catch (const sdk::Cancelled &) {
            outcome.threwCancelled = true;
        } catch (const std::exception &e) {
            outcome.otherError = QString::fromLocal8Bit(e.what());
        }
        endedAt = Clock::now();
        finished = true;
    });
    outcome.sawPartial = ctx.waitForPartial(partialTimeout, finished);
    const auto cancelledAt = ctx.cancel();
    worker.join();
    outcome.latencyMs = std::chrono::duration<double, std::milli>(endedAt - cancelledAt).count();
    return outcome;
}

} // namespace mirstudio::testsupport
