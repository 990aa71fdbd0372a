// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QUndoCommand;

namespace mirstudio {

class JobRunner;
class Session;

/**
 * Shows a separation job's partial stems as a *pending* stem group while it runs: each
 * JobRunner::jobPartialResult carrying a StemSet is imported (JobResultImporter) as a stem
 * group the engine can already play; the next partial replaces it, and when the job ends
 * release() takes the pending group away so the final import is the only undo step left.
 * Replacing undoes the pending import when it is still the newest undo step, dropping it from
 * the stack (obsolete: no redo) and deleting its stem files; when the user edited in between,
 * the pending group is removed with its own undoable RemoveTrackCommand instead (files kept).
 *
 * Does not own the session or the runner. GUI thread only.
 */
class PendingStemGroups : public QObject
{
    Q_OBJECT
public:
    PendingStemGroups(Session *session, JobRunner *runner, QObject *parent = nullptr);

    /** Watches job `id` (its partials go to `mediaFolder`, provenance lists `inputs`). */
    void watch(int id, const QString &mediaFolder, const QList<SourceId> &inputs);
    /** Removes job `id`'s pending group (if any) and stops watching it. */
    void release(int id);
    /** The pending stem group of job `id`, or a null id. */
    TrackId pendingTrack(int id) const;

Q_SIGNALS:
    /** A pending group for job `id` was (re)imported. */
    void pendingChanged(int id, const mirstudio::TrackId &track);

private:
    struct Pending
    {
        QString mediaFolder;
        QList<SourceId> inputs;
        TrackId track;
        const QUndoCommand *command = nullptr; // compared, never dereferenced
    };
    void showPartial(int id, const QString &outputId);
    void removePending(Pending &pending);

    Session *m_session;
    JobRunner *m_runner;
    QHash<int, Pending> m_jobs;
};

} // namespace mirstudio
