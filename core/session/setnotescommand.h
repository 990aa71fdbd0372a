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

    /**
     * Commands of one gesture (a drag) share a non-zero group; consecutive commands of the same
     * group on the same clip merge into one undo step. 0 (the default) never merges.
     */
    void setMergeGroup(quint64 group) { m_group = group; }
    int id() const override { return m_group ? 0x5100 : -1; }
    bool mergeWith(const QUndoCommand *other) override;

    void redo() override;
    void undo() override;

private:
    void apply(const std::vector<MidiNote> &notes);

    Session *m_session;
    TrackId m_track;
    ClipId m_clip;
    std::vector<MidiNote> m_old;
    std::vector<MidiNote> m_new;
    quint64 m_group = 0;
};

} // namespace mirstudio
