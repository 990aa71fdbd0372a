// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/removetrackcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

RemoveTrackCommand::RemoveTrackCommand(Session *session, const TrackId &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_session(session), m_id(id)
{
    const Track *t = session->track(id);
    setText(QCoreApplication::translate("mirstudio", "Remove track \"%1\"")
                .arg(t ? t->name : QString()));
}

void RemoveTrackCommand::redo()
{
    m_track = m_session->takeTrack(m_id, &m_index);
}

void RemoveTrackCommand::undo()
{
    if (m_index >= 0)
        m_session->insertTrack(m_index, std::move(m_track));
    m_track = Track();
}

} // namespace mirstudio
