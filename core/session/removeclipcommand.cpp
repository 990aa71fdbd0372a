// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/removeclipcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

RemoveClipCommand::RemoveClipCommand(Session *session, const TrackId &track, const ClipId &clip,
                                     QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Remove clip"), parent)
    , m_session(session), m_track(track), m_id(clip)
{
}

void RemoveClipCommand::redo()
{
    m_clip = m_session->takeClip(m_track, m_id, &m_index);
}

void RemoveClipCommand::undo()
{
    if (m_index >= 0)
        m_session->insertClip(m_track, m_index, std::move(m_clip));
    m_clip = Clip();
}

} // namespace mirstudio
