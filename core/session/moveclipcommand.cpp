// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/moveclipcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

MoveClipCommand::MoveClipCommand(Session *session, const TrackId &from, const ClipId &clip,
                                 const TrackId &to, std::int64_t start, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Move clip to track"), parent)
    , m_session(session), m_from(from), m_to(to), m_clip(clip)
    , m_start(std::max<std::int64_t>(0, start))
{
}

void MoveClipCommand::redo()
{
    m_oldIndex = -1;
    if (!m_session->track(m_to) || !m_session->clip(m_from, m_clip))
        return;
    int index = -1;
    Clip c = m_session->takeClip(m_from, m_clip, &index);
    m_oldIndex = index;
    m_oldStart = c.start;
    c.start = m_start;
    m_session->insertClip(m_to, -1, std::move(c));
}

void MoveClipCommand::undo()
{
    if (m_oldIndex < 0)
        return;
    Clip c = m_session->takeClip(m_to, m_clip, nullptr);
    c.start = m_oldStart;
    m_session->insertClip(m_from, m_oldIndex, std::move(c));
}

} // namespace mirstudio
