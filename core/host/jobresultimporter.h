// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobinfo.h"
#include "core/session/provenance.h"
#include "core/session/typedid.h"

#include <QList>
#include <QString>

class QUndoCommand;

namespace mirstudio {

class Session;

/**
 * Puts a finished job's outputs into the session as ONE undoable command carrying provenance
 * {plugin, version, method, params, inputs}: StemSet → a StemGroup track whose stems are float
 * WAV files written atomically into `mediaFolder` (resampled to the session rate at import);
 * AudioBuffer → an Audio track with one clip; NoteSequence → a MIDI track with one clip whose
 * notes are placed through the session's tempo map; AnnotationSet → an Annotation track
 * (regions, values or labels). Latent sets and matrices have no timeline lane and are skipped.
 * Undo removes what was added; redo re-adds it from the files, never re-running the model.
 *
 * Writes files, then pushes the command; when a file cannot be written the files already
 * written are removed, nothing is pushed and the MediaError is thrown. GUI thread (it pushes
 * onto the session's undo stack); the session must outlive the call.
 */
class JobResultImporter
{
public:
    JobResultImporter(Session *session, QString mediaFolder);

    /** Imports `job`'s outputs; returns the tracks added (empty when nothing had a lane). */
    QList<TrackId> import(const JobInfo &job, const QList<SourceId> &inputs = {});

    /** The provenance recorded on every item a job adds. */
    static Provenance provenanceOf(const JobInfo &job, const QList<SourceId> &inputs);

private:
    QString writeAudio(const sdk::AudioBuffer &audio, const QString &name, QStringList *written) const;

    Session *m_session;
    QString m_mediaFolder;
};

} // namespace mirstudio
