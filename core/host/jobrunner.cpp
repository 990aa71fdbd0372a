// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/jobrunner.h"

#include "core/host/hostjobcontext.h"
#include "core/host/hostlog.h"
#include "core/host/jobrecord.h"
#include "core/host/pluginhost.h"
#include "core/host/runnershared.h"
#include "core/host/valuecheck.h"
#include "plugins/sdk/imodelplugin.h"
#include "plugins/sdk/pluginerror.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QThreadPool>
#include <QTimer>

#include <exception>

namespace mirstudio {

namespace {

/** Why a request cannot run, or empty; fills in the resolved parameters. */
QString checkRequest(PluginHost *host, const JobRequest &request, JobInfo *info, PluginSpec **spec)
{
    *spec = host->plugin(request.plugin);
    if (!*spec)
        return QStringLiteral("no plugin \"%1\"").arg(request.plugin);
    if ((*spec)->hasError())
        return QStringLiteral("plugin \"%1\" is not usable: %2").arg(request.plugin, (*spec)->errorString());
    const sdk::Manifest &manifest = (*spec)->manifest();
    info->pluginVersion = manifest.version;
    const sdk::MethodSpec *method = manifest.method(request.method);
    if (!method) {
        QStringList ids;
        for (const sdk::MethodSpec &m : manifest.methods)
            ids << m.id;
        return QStringLiteral("plugin \"%1\" has no method \"%2\" (methods: %3)")
            .arg(request.plugin, request.method, ids.join(QStringLiteral(", ")));
    }
    const QString inputProblem = ValueCheck::inputs(*method, request.inputs);
    if (!inputProblem.isEmpty())
        return inputProblem;
    QString paramProblem;
    info->resolvedParams = sdk::resolveParameters(method->parameters, request.params, &paramProblem);
    return paramProblem;
}

} // namespace

JobRunner::JobRunner(PluginHost *host, QObject *parent)
    : QObject(parent), m_host(host), m_shared(std::make_shared<RunnerShared>()), m_pool(new QThreadPool)
{
    qRegisterMetaType<mirstudio::JobState>();
    m_shared->runner = this;
    m_pool->setMaxThreadCount(m_maxJobs);
}

JobRunner::~JobRunner()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->runner = nullptr;
        for (const auto &r : std::as_const(m_shared->jobs))
            r->cancelled = true;
    }
    if (m_pool->waitForDone(m_abandonTimeoutMs))
        delete m_pool;
    else
        qCWarning(lcHost) << "a plugin job ignores cancel; leaving its thread behind";
}

void JobRunner::setMaxConcurrentJobs(int n)
{
    QMutexLocker lock(&m_shared->mutex);
    m_maxJobs = std::max(1, n);
    m_pool->setMaxThreadCount(m_maxJobs + m_extraThreads);
}

int JobRunner::addRecord(const JobRequest &request, std::shared_ptr<JobRecord> *record)
{
    auto r = std::make_shared<JobRecord>();
    r->info.request = request;
    QMutexLocker lock(&m_shared->mutex);
    r->info.id = m_nextId++;
    m_shared->jobs.insert(r->info.id, r);
    *record = r;
    return r->info.id;
}

int JobRunner::submit(const JobRequest &request)
{
    std::shared_ptr<JobRecord> record;
    const int id = addRecord(request, &record);
    JobInfo checked;
    PluginSpec *spec = nullptr;
    const QString problem = checkRequest(m_host, request, &checked, &spec);
    {
        QMutexLocker lock(&m_shared->mutex);
        record->plugin = spec;
        record->info.pluginVersion = checked.pluginVersion;
        record->info.resolvedParams = checked.resolvedParams;
        m_shared->postLocked([id](JobRunner *r) { Q_EMIT r->jobQueued(id); });
    }
    if (!problem.isEmpty()) {
        QMutexLocker lock(&m_shared->mutex);
        finish(*m_shared, *record, JobState::Failed, problem, {});
        return id;
    }
    m_pool->start([shared = m_shared, record, host = m_host, threads = m_threadsPerJob] {
        work(shared, record, host, threads);
    });
    return id;
}

void JobRunner::finish(RunnerShared &shared, JobRecord &record, JobState state, const QString &error,
                       const sdk::ValueMap &outputs)
{
    JobInfo &info = record.info;
    const int id = info.id;
    if (info.state == JobState::Abandoned) {
        qCWarning(lcHost) << "job" << id << "returned after it was abandoned; result discarded";
        shared.postLocked([](JobRunner *r) { r->releaseAbandonedThread(); });
        return;
    }
    if (isFinished(info.state))
        return;
    info.state = state;
    info.error = error;
    info.outputs = outputs;
    if (state == JobState::Done) {
        info.progress = 1.0;
        info.partials.clear();
        info.partialFrames.clear();
    }
    shared.changed.wakeAll();
    shared.postLocked([id, state](JobRunner *r) {
        Q_EMIT r->jobStateChanged(id, state);
        Q_EMIT r->jobFinished(id, state);
    });
}

void JobRunner::work(std::shared_ptr<RunnerShared> shared, std::shared_ptr<JobRecord> record, PluginHost *host,
                     int threads)
{
    {
        QMutexLocker lock(&shared->mutex);
        if (record->info.state != JobState::Queued)
            return; // cancelled while queued
        record->info.state = JobState::Running;
        shared->changed.wakeAll();
        const int id = record->info.id;
        shared->postLocked([id](JobRunner *r) { Q_EMIT r->jobStateChanged(id, JobState::Running); });
    }
    auto end = [&](JobState state, const QString &error, const sdk::ValueMap &outputs = {}) {
        QMutexLocker lock(&shared->mutex);
        finish(*shared, *record, state, error, outputs);
    };
    PluginSpec *spec = record->plugin;
    // One run() at a time per instance; keep watching for cancel and for the plugin breaking.
    while (!spec->runMutex().tryLock(50)) {
        if (record->cancelled)
            return end(JobState::Cancelled, {});
        if (spec->hasError())
            return end(JobState::Failed, QStringLiteral("plugin \"%1\" is not usable: %2").arg(spec->id(), spec->errorString()));
    }
    struct Unlock { QMutex &mutex; ~Unlock() { mutex.unlock(); } } runLock{spec->runMutex()};
    QString error;
    if (!host->prepare(spec, &error))
        return end(JobState::Failed, QStringLiteral("plugin \"%1\" could not be prepared: %2").arg(spec->id(), error));
    if (record->cancelled)
        return end(JobState::Cancelled, {});
    const JobRequest &request = record->info.request;
    const sdk::MethodSpec *method = spec->manifest().method(request.method);
    HostJobContext ctx(shared, record, spec->modelFolder(), threads);
    sdk::ValueMap outputs;
    JobState state = JobState::Done;
    try {
        outputs = spec->instance()->run(request.method, request.inputs, record->info.resolvedParams, ctx);
    } catch (const sdk::Cancelled &) {
        state = JobState::Cancelled;
    } catch (const sdk::PluginError &e) {
        state = JobState::Failed;
        error = e.message();
    } catch (const std::exception &e) {
        state = JobState::Failed;
        error = QStringLiteral("the plugin threw an exception: %1").arg(QString::fromUtf8(e.what()));
    } catch (...) {
        state = JobState::Failed;
        error = QStringLiteral("the plugin threw an unknown (non-std) exception");
    }
    if (state == JobState::Done && record->cancelled)
        state = JobState::Cancelled;
    if (state == JobState::Done) {
        const QString problem = ValueCheck::outputs(*method, outputs);
        if (!problem.isEmpty()) {
            state = JobState::Failed;
            error = QStringLiteral("the plugin returned an invalid result: %1").arg(problem);
        }
    }
    end(state, error, state == JobState::Done ? outputs : sdk::ValueMap());
}

void JobRunner::cancel(int id)
{
    QMutexLocker lock(&m_shared->mutex);
    const auto record = m_shared->jobs.value(id);
    if (!record || isFinished(record->info.state) || record->cancelled)
        return;
    record->cancelled = true;
    if (record->info.state == JobState::Queued) {
        finish(*m_shared, *record, JobState::Cancelled, {}, {});
        return;
    }
    record->cancelClock.start();
    QTimer::singleShot(m_abandonTimeoutMs, this, [this, id] {
        QMutexLocker lock(&m_shared->mutex);
        if (const auto r = m_shared->jobs.value(id))
            abandonIfOverdueLocked(*r);
    });
}

void JobRunner::cancelAll()
{
    for (int id : jobIds())
        cancel(id);
}

bool JobRunner::abandonIfOverdueLocked(JobRecord &record)
{
    JobInfo &info = record.info;
    if (info.state != JobState::Running || !record.cancelled || !record.cancelClock.isValid()
        || record.cancelClock.elapsed() < m_abandonTimeoutMs)
        return false;
    info.state = JobState::Abandoned;
    info.error = QStringLiteral("the plugin did not stop within %1 ms after cancel; its result will be discarded")
                     .arg(m_abandonTimeoutMs);
    record.plugin->setError(QStringLiteral("did not stop after cancel"));
    // The stuck worker keeps its thread; give the queue another one.
    ++m_extraThreads;
    m_pool->setMaxThreadCount(m_maxJobs + m_extraThreads);
    m_shared->changed.wakeAll();
    const int id = info.id;
    m_shared->postLocked([id](JobRunner *r) {
        Q_EMIT r->jobStateChanged(id, JobState::Abandoned);
        Q_EMIT r->jobFinished(id, JobState::Abandoned);
    });
    return true;
}

void JobRunner::releaseAbandonedThread()
{
    QMutexLocker lock(&m_shared->mutex);
    m_extraThreads = std::max(0, m_extraThreads - 1);
    m_pool->setMaxThreadCount(m_maxJobs + m_extraThreads);
}

bool JobRunner::wait(int id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(timeoutMs));
    QMutexLocker lock(&m_shared->mutex);
    const auto record = m_shared->jobs.value(id);
    if (!record)
        return true;
    while (!isFinished(record->info.state)) {
        // The abandon deadline is enforced here too, so a caller without an event loop sees it.
        if (abandonIfOverdueLocked(*record))
            break;
        QDeadlineTimer step = deadline;
        if (record->cancelClock.isValid())
            step = std::min(deadline, QDeadlineTimer(std::max<qint64>(1, m_abandonTimeoutMs - record->cancelClock.elapsed())));
        const bool woken = m_shared->changed.wait(&m_shared->mutex, step);
        if (!woken && deadline.hasExpired() && !isFinished(record->info.state))
            return abandonIfOverdueLocked(*record);
    }
    return true;
}

JobInfo JobRunner::info(int id) const
{
    QMutexLocker lock(&m_shared->mutex);
    const auto record = m_shared->jobs.value(id);
    return record ? record->info : JobInfo();
}

QList<int> JobRunner::jobIds() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->jobs.keys();
}

} // namespace mirstudio
