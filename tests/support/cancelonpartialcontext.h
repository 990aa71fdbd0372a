// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace mirstudio::testsupport {

/**
 * A host-like JobContext for cancellation tests: keeps a copy of every partial result, lets
 * another thread wait for the first one and then cancel, and stamps the moment of the cancel.
 * The job thread calls the JobContext methods; waitForPartial(), cancel() and partials() may be
 * called from any other thread (a mutex guards the partials).
 */
class CancelOnPartialContext : public sdk::JobContext
{
public:
    using Clock = std::chrono::steady_clock;

    /** One published partial result (a copy). */
    struct Partial
    {
        QString outputId;
        sdk::Value value;
        int64_t framesReady = 0;
    };

    explicit CancelOnPartialContext(QString modelFolder) : m_modelFolder(std::move(modelFolder)) {}

    bool isCancelled() const override { return m_cancelled.load(); }
    void setProgress(double, const QString &) override {}
    void publishPartial(const QString &outputId, const sdk::Value &value, int64_t framesReady) override
    {
        std::lock_guard lock(m_mutex);
        m_partials.push_back({outputId, value, framesReady});
        m_arrived.notify_all();
    }
    void log(const QString &) override {}
    QString modelFolder() const override { return m_modelFolder; }
    int threads() const override { return 1; }

    /** Blocks until a partial was published or `finished` turns true or `timeout` passes. */
    bool waitForPartial(std::chrono::milliseconds timeout, const std::atomic<bool> &finished)
    {
        std::unique_lock lock(m_mutex);
        const auto until = Clock::now() + timeout;
        while (m_partials.empty() && !finished.load() && Clock::now() < until)
            m_arrived.wait_for(lock, std::chrono::milliseconds(10));
        return !m_partials.empty();
    }
    /** Raises the cancel flag and returns the moment it was raised. */
    Clock::time_point cancel()
    {
        const auto now = Clock::now();
        m_cancelled = true;
        return now;
    }
    std::vector<Partial> partials() const
    {
        std::lock_guard lock(m_mutex);
        return m_partials;
    }

private:
    QString m_modelFolder;
    std::atomic<bool> m_cancelled{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<Partial> m_partials;
};

} // namespace mirstudio::testsupport
