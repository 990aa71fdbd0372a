// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/setnotescommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

#include <algorithm>

namespace mirstudio {

namespace {

std::vector<MidiNote> notesOf(const Session &s, const TrackId &t, const ClipId &c)
{
    const Clip *clip = s.clip(t, c);
    return clip ? clip->notes : std::vector<MidiNote>{};
}

} // namespace

SetNotesCommand::SetNotesCommand(Session *session, const TrackId &track, const ClipId &clip,
                                 std::vector<MidiNote> notes, const QString &text,
                                 QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_session(session), m_track(track), m_clip(clip)
    , m_old(notesOf(*session, track, clip)), m_new(std::move(notes))
{
}

SetNotesCommand *SetNotesCommand::addNotes(Session *session, const TrackId &track,
                                           const ClipId &clip, const std::vector<MidiNote> &added)
{
    std::vector<MidiNote> notes = notesOf(*session, track, clip);
    notes.insert(notes.end(), added.begin(), added.end());
    return new SetNotesCommand(session, track, clip, std::move(notes),
                               QCoreApplication::translate("mirstudio", "Add notes"));
}

SetNotesCommand *SetNotesCommand::removeNotes(Session *session, const TrackId &track,
                                              const ClipId &clip, std::vector<int> indices)
{
    std::vector<MidiNote> notes = notesOf(*session, track, clip);
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    for (auto it = indices.rbegin(); it != indices.rend(); ++it)
        if (*it >= 0 && *it < int(notes.size()))
            notes.erase(notes.begin() + *it);
    return new SetNotesCommand(session, track, clip, std::move(notes),
                               QCoreApplication::translate("mirstudio", "Remove notes"));
}

SetNotesCommand *SetNotesCommand::editNote(Session *session, const TrackId &track,
                                           const ClipId &clip, int index, const MidiNote &note)
{
    std::vector<MidiNote> notes = notesOf(*session, track, clip);
    if (index >= 0 && index < int(notes.size()))
        notes[std::size_t(index)] = note;
    return new SetNotesCommand(session, track, clip, std::move(notes),
                               QCoreApplication::translate("mirstudio", "Edit note"));
}

void SetNotesCommand::apply(const std::vector<MidiNote> &notes)
{
    Clip *c = m_session->editClip(m_track, m_clip);
    if (!c)
        return;
    c->notes = notes;
    m_session->notifyClipChanged(m_track, m_clip);
}

bool SetNotesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetNotesCommand *>(other); // same id() => same class
    if (o->m_group != m_group || o->m_track != m_track || o->m_clip != m_clip)
        return false;
    m_new = o->m_new;
    return true;
}

void SetNotesCommand::redo()
{
    apply(m_new);
}

void SetNotesCommand::undo()
{
    apply(m_old);
}

} // namespace mirstudio
