// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/pendingstemgroups.h"

#include "core/host/jobresultimporter.h"
#include "core/host/jobrunner.h"
#include "core/session/removetrackcommand.h"
#include "core/session/session.h"

#include <QFile>
#include <QLoggingCategory>
#include <QUndoStack>

Q_LOGGING_CATEGORY(lcPending, "mirstudio.app.pending")

namespace mirstudio {

PendingStemGroups::PendingStemGroups(Session *session, JobRunner *runner, QObject *parent)
    : QObject(parent), m_session(session), m_runner(runner)
{
    connect(m_runner, &JobRunner::jobPartialResult, this, &PendingStemGroups::showPartial);
}

void PendingStemGroups::watch(int id, const QString &mediaFolder, const QList<SourceId> &inputs)
{
    m_jobs.insert(id, Pending{mediaFolder, inputs, {}, nullptr});
}

void PendingStemGroups::release(int id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    removePending(*it);
    m_jobs.erase(it);
}

TrackId PendingStemGroups::pendingTrack(int id) const
{
    return m_jobs.value(id).track;
}

void PendingStemGroups::showPartial(int id, const QString &outputId)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    JobInfo info = m_runner->info(id);
    const auto partial = info.partials.constFind(outputId);
    if (partial == info.partials.cend() || !std::holds_alternative<sdk::StemSet>(*partial))
        return;
    info.outputs = {{outputId, *partial}};
    removePending(*it);
    try {
        JobResultImporter importer(m_session, it->mediaFolder);
        const QList<TrackId> tracks = importer.import(info, it->inputs);
        if (tracks.isEmpty())
            return;
        QUndoStack *stack = m_session->undoStack();
        it->track = tracks.front();
        it->command = stack->command(stack->index() - 1);
        Q_EMIT pendingChanged(id, it->track);
    } catch (const std::exception &e) {
        qCWarning(lcPending) << "cannot show the partial stems of job" << id << ":" << e.what();
    }
}

void PendingStemGroups::removePending(Pending &pending)
{
    if (pending.track.isNull())
        return;
    QUndoStack *stack = m_session->undoStack();
    const bool newest = stack->index() == stack->count() && stack->count() > 0
                        && stack->command(stack->count() - 1) == pending.command;
    if (newest) {
        // Gone for good (not even redo brings it back), so its stem files can go too.
        QStringList files;
        if (const Track *t = m_session->track(pending.track))
            for (const StemLane &stem : t->stems)
                if (const auto source = m_session->mediaPool().source(stem.source))
                    files << source->path;
        stack->undo();
        // Now the next redo step: marked obsolete, redo() deletes it from the stack unredone.
        const_cast<QUndoCommand *>(pending.command)->setObsolete(true);
        stack->redo();
        for (const QString &f : std::as_const(files))
            QFile::remove(f);
    } else if (m_session->track(pending.track))
        m_session->push(new RemoveTrackCommand(m_session, pending.track));
    pending.track = TrackId();
    pending.command = nullptr;
}

} // namespace mirstudio
