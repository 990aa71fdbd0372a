// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/stemlanecommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

StemLaneCommand::StemLaneCommand(Session *session, const TrackId &track, int lane,
                                 const StemLane &value, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Edit stem"), parent)
    , m_session(session), m_track(track), m_lane(lane), m_new(value)
{
    const Track *t = session->track(track);
    if (t && lane >= 0 && lane < int(t->stems.size()))
        m_old = t->stems[std::size_t(lane)];
    m_new.source = m_old.source;
}

void StemLaneCommand::apply(const StemLane &value)
{
    Track *t = m_session->editTrack(m_track);
    if (!t || m_lane < 0 || m_lane >= int(t->stems.size()))
        return;
    t->stems[std::size_t(m_lane)] = value;
    m_session->notifyTrackChanged(m_track);
}

void StemLaneCommand::redo()
{
    apply(m_new);
}

void StemLaneCommand::undo()
{
    apply(m_old);
}

bool StemLaneCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const StemLaneCommand *>(other);
    if (!o || o->m_track != m_track || o->m_lane != m_lane)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace mirstudio
