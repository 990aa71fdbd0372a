// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/addclipcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

AddClipCommand::AddClipCommand(Session *session, const TrackId &track, Clip clip,
                               QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Add clip"), parent)
    , m_session(session), m_track(track), m_clip(std::move(clip))
{
    if (m_clip.id.isNull())
        m_clip.id = ClipId::create();
}

void AddClipCommand::redo()
{
    m_session->insertClip(m_track, -1, m_clip);
}

void AddClipCommand::undo()
{
    int index = -1;
    Clip c = m_session->takeClip(m_track, m_clip.id, &index);
    if (index >= 0)
        m_clip = std::move(c);
}

} // namespace mirstudio
