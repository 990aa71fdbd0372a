// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/midinote.h"
#include "core/session/typedid.h"

#include <QString>
#include <QUndoCommand>

#include <vector>

namespace mirstudio {

class Session;

/**
 * Replaces the inline notes of a MIDI clip; undo restores the previous notes. The factories
 * cover the piano-roll edits: add notes, remove notes (by index), edit one note. Owned by the
 * undo stack; GUI thread.
 */
class SetNotesCommand : public QUndoCommand
{
public:
    SetNotesCommand(Session *session, const TrackId &track, const ClipId &clip,
                    std::vector<MidiNote> notes, const QString &text,
                    QUndoCommand *parent = nullptr);

    static SetNotesCommand *addNotes(Session *session, const TrackId &track, const ClipId &clip,
                                     const std::vector<MidiNote> &added);
    /** Removes the notes at `indices` (out-of-range indices are ignored). */
    static SetNotesCommand *removeNotes(Session *session, const TrackId &track,
                                        const ClipId &clip, std::vector<int> indices);
    /** Replaces the note at `index` (ignored when out of range). */
    static SetNotesCommand *editNote(Session *session, const TrackId &track, const ClipId &clip,
                                     int index, const MidiNote &note);

    void redo() override;
    void undo() override;

private:
    void apply(const std::vector<MidiNote> &notes);

    Session *m_session;
    TrackId m_track;
    ClipId m_clip;
    std::vector<MidiNote> m_old;
    std::vector<MidiNote> m_new;
};

} // namespace mirstudio
