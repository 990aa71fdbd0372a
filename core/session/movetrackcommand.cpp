// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/movetrackcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

MoveTrackCommand::MoveTrackCommand(Session *session, const TrackId &id, int to,
                                   QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Move track"), parent)
    , m_session(session), m_id(id), m_to(to)
{
}

void MoveTrackCommand::redo()
{
    m_from = m_session->trackIndex(m_id);
    m_session->moveTrackTo(m_id, m_to);
}

void MoveTrackCommand::undo()
{
    if (m_from >= 0)
        m_session->moveTrackTo(m_id, m_from);
}

} // namespace mirstudio
