// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobinfo.h"
#include "plugins/sdk/valuetypes.h"

#include <QList>
#include <QObject>

#include <vector>

namespace mirstudio {
class JobRunner;
}

namespace mirstudio::widgets {

class LatentModelClient;

/**
 * Decodes the latent explorer's codes off the GUI thread: one decode job at a time on the
 * JobRunner's pool, "latest request wins". A new request replaces every request still waiting
 * (requests that put their result on the timeline are kept, in order), so a drag or a burst of
 * MIDI controller moves never queues stale work; the job in flight finishes and its result is
 * still reported (what is heard while dragging). When nothing waits after a decode, the decoded
 * notes are encoded again (the read-back). Results come through signals on the GUI thread.
 *
 * Does not own the runner or the client (setClient), which must outlive their use here; after
 * setClient() the results of jobs of the previous client are ignored. GUI thread only.
 */
class LatentExplorerDecoder : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        std::vector<std::vector<double>> codes; ///< rows of the model's dimension
        double temperature = 0.0;
        bool play = true;        ///< audition the result
        bool toTimeline = false; ///< import the result (never dropped for a newer request)
    };

    explicit LatentExplorerDecoder(JobRunner *runner, QObject *parent = nullptr);

    /** Decodes with `client` from now on (null: none); drops waiting requests. */
    void setClient(const LatentModelClient *client);
    /** Queues `request`, replacing waiting requests that do not import. */
    void request(Request request);
    /** True while a decode or read-back runs or a request waits. */
    bool isBusy() const { return m_decodeJob >= 0 || m_readBackJob >= 0 || !m_waiting.isEmpty(); }
    /** Decode jobs submitted since the client was set. */
    int submitted() const { return m_submitted; }

Q_SIGNALS:
    /** A decode job of `request` finished (any state). */
    void decoded(const mirstudio::JobInfo &job, const mirstudio::widgets::LatentExplorerDecoder::Request &request);
    /** The read-back encode of the last decoded notes. */
    void readBack(const mirstudio::sdk::LatentSet &latent);
    void busyChanged(bool busy);

private:
    void onFinished(int id);
    void startNext();
    void setBusy(bool busy);

    JobRunner *m_runner;
    const LatentModelClient *m_client = nullptr;
    QList<Request> m_waiting;
    Request m_current;
    int m_decodeJob = -1;
    int m_readBackJob = -1;
    int m_submitted = 0;
    bool m_busy = false;
};

} // namespace mirstudio::widgets
