// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobinfo.h"
#include "core/host/jobrequest.h"

#include <QList>
#include <QObject>

#include <memory>

class QThreadPool;

namespace mirstudio {

class PluginHost;
struct JobRecord;
struct RunnerShared;

/**
 * Runs plugin methods as jobs on a thread pool it owns: a queue (maxConcurrentJobs() at once,
 * 1 by default so jobs do not fight the audio thread for cores), progress, status text, partial
 * outputs, log, cancel, and a blocking wait() for the CLI.
 *
 * Isolation is in-process with guards: submit() checks the plugin, method, inputs and parameters
 * before queuing; every exception from initialise/run is caught (PluginError's text verbatim,
 * other std exceptions and non-std throws with a generic message); outputs are checked against
 * the manifest (ValueCheck). A job cancelled while running that does not return within
 * abandonTimeout() ms (2000 by default) becomes Abandoned: its result is discarded whenever it
 * comes, its plugin goes to Error ("did not stop after cancel") and is never used again, and the
 * pool grows by one thread so the queue keeps moving.
 *
 * Lives on the GUI (or main) thread; signals are emitted there. submit/cancel/info/wait may be
 * called from any thread. The PluginHost must outlive the runner. A runner destroyed while an
 * abandoned job still runs leaks that job's thread pool on purpose (it cannot be stopped).
 */
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(PluginHost *host, QObject *parent = nullptr);
    ~JobRunner() override;

    /**
     * Queues a job and returns its id. A request that cannot run (unknown plugin or method,
     * plugin in Error, wrong inputs, bad parameters) gets an id too and is Failed at once with
     * the reason in info().error.
     */
    int submit(const JobRequest &request);
    /** Asks a job to stop: a queued job is Cancelled at once; a running one is told via its context. */
    void cancel(int id);
    void cancelAll();
    /** Blocks until the job is finished or `timeoutMs` passed (-1: no limit); true when finished. */
    bool wait(int id, int timeoutMs = -1);
    /** A snapshot of a job; id -1 for an unknown id. */
    JobInfo info(int id) const;
    QList<int> jobIds() const;

    int abandonTimeout() const { return m_abandonTimeoutMs; }
    void setAbandonTimeout(int ms) { m_abandonTimeoutMs = ms; }
    int maxConcurrentJobs() const { return m_maxJobs; }
    void setMaxConcurrentJobs(int n);
    /** Compute threads each job may use (JobContext::threads()); 1 by default. */
    void setThreadsPerJob(int n) { m_threadsPerJob = n; }
    PluginHost *host() const { return m_host; }

Q_SIGNALS:
    void jobQueued(int id);
    void jobStateChanged(int id, mirstudio::JobState state);
    void jobProgress(int id, double fraction, const QString &status);
    void jobPartialResult(int id, const QString &outputId);
    void jobLog(int id, const QString &line);
    /** Done, Failed, Cancelled or Abandoned. */
    void jobFinished(int id, mirstudio::JobState state);

private:
    static void work(std::shared_ptr<RunnerShared> shared, std::shared_ptr<JobRecord> record,
                     PluginHost *host, int threads);
    static void finish(RunnerShared &shared, JobRecord &record, JobState state, const QString &error,
                       const sdk::ValueMap &outputs);
    int addRecord(const JobRequest &request, std::shared_ptr<JobRecord> *record);
    bool abandonIfOverdueLocked(JobRecord &record);
    void releaseAbandonedThread();

    PluginHost *m_host;
    std::shared_ptr<RunnerShared> m_shared;
    QThreadPool *m_pool;
    int m_nextId = 1;
    int m_abandonTimeoutMs = 2000;
    int m_maxJobs = 1;
    int m_extraThreads = 0;
    int m_threadsPerJob = 1;
};

} // namespace mirstudio
