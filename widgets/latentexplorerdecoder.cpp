// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentexplorerdecoder.h"

#include "core/host/jobrunner.h"
#include "widgets/latentmodelclient.h"

namespace mirstudio::widgets {

LatentExplorerDecoder::LatentExplorerDecoder(JobRunner *runner, QObject *parent) : QObject(parent), m_runner(runner)
{
    connect(m_runner, &JobRunner::jobFinished, this, [this](int id) { onFinished(id); });
}

void LatentExplorerDecoder::setClient(const LatentModelClient *client)
{
    m_client = client;
    m_waiting.clear();
    m_decodeJob = -1; // a job still running for the old client finishes unnoticed
    m_readBackJob = -1;
    m_submitted = 0;
    setBusy(false);
}

void LatentExplorerDecoder::request(Request request)
{
    if (!m_client)
        return;
    m_waiting.removeIf([](const Request &r) { return !r.toTimeline; });
    m_waiting.append(std::move(request));
    if (m_decodeJob < 0 && m_readBackJob < 0)
        startNext();
    setBusy(isBusy());
}

void LatentExplorerDecoder::startNext()
{
    if (m_waiting.isEmpty() || !m_client)
        return;
    m_current = m_waiting.takeFirst();
    ++m_submitted;
    m_decodeJob = m_client->submitDecode(m_current.codes, m_current.temperature);
}

void LatentExplorerDecoder::onFinished(int id)
{
    if (id < 0 || (id != m_decodeJob && id != m_readBackJob))
        return;
    const JobInfo job = m_runner->info(id);
    if (id == m_decodeJob) {
        m_decodeJob = -1;
        const Request finished = m_current;
        // The read-back only for the notes that stay: nothing newer waits.
        if (m_waiting.isEmpty() && job.state == JobState::Done)
            m_readBackJob = m_client->submitEncode(m_client->notesOf(job));
        else
            startNext();
        Q_EMIT decoded(job, finished);
    } else {
        m_readBackJob = -1;
        startNext();
        if (job.state == JobState::Done)
            Q_EMIT readBack(m_client->latentOf(job));
    }
    setBusy(isBusy());
}

void LatentExplorerDecoder::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace mirstudio::widgets
