// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/addtrackcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

AddTrackCommand::AddTrackCommand(Session *session, Track track, int index, QUndoCommand *parent)
    : QUndoCommand(parent), m_session(session), m_track(std::move(track)), m_index(index)
{
    if (m_track.id.isNull())
        m_track.id = TrackId::create();
    setText(QCoreApplication::translate("mirstudio", "Add track \"%1\"").arg(m_track.name));
}

void AddTrackCommand::redo()
{
    m_session->insertTrack(m_index, m_track);
    m_index = m_session->trackIndex(m_track.id);
}

void AddTrackCommand::undo()
{
    int index = -1;
    Track t = m_session->takeTrack(m_track.id, &index);
    if (index >= 0)
        m_track = std::move(t); // keep edits made by later commands that were undone first
}

} // namespace mirstudio
