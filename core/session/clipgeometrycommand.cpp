// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/clipgeometrycommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

namespace {

ClipGeometryCommand::Geometry current(const Session &s, const TrackId &t, const ClipId &c)
{
    const Clip *clip = s.clip(t, c);
    if (!clip)
        return {};
    return {clip->start, clip->offset, clip->length, clip->gainDb};
}

} // namespace

ClipGeometryCommand::ClipGeometryCommand(Session *session, const TrackId &track,
                                         const ClipId &clip, const Geometry &geometry,
                                         QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Edit clip"), parent)
    , m_session(session), m_track(track), m_clip(clip)
    , m_old(current(*session, track, clip)), m_new(geometry)
{
    m_new.start = std::max<std::int64_t>(0, m_new.start);
    m_new.offset = std::max<std::int64_t>(0, m_new.offset);
    m_new.length = std::max<std::int64_t>(0, m_new.length);
}

ClipGeometryCommand *ClipGeometryCommand::move(Session *session, const TrackId &track,
                                               const ClipId &clip, std::int64_t start)
{
    Geometry g = current(*session, track, clip);
    g.start = start;
    return make(session, track, clip, g, Edit::Move,
                QCoreApplication::translate("mirstudio", "Move clip"));
}

ClipGeometryCommand *ClipGeometryCommand::trim(Session *session, const TrackId &track,
                                               const ClipId &clip, std::int64_t start,
                                               std::int64_t offset, std::int64_t length)
{
    Geometry g = current(*session, track, clip);
    g.start = start;
    g.offset = offset;
    g.length = length;
    return make(session, track, clip, g, Edit::Trim,
                QCoreApplication::translate("mirstudio", "Trim clip"));
}

ClipGeometryCommand *ClipGeometryCommand::setGain(Session *session, const TrackId &track,
                                                  const ClipId &clip, double gainDb)
{
    Geometry g = current(*session, track, clip);
    g.gainDb = gainDb;
    return make(session, track, clip, g, Edit::Gain,
                QCoreApplication::translate("mirstudio", "Change clip gain"));
}

ClipGeometryCommand *ClipGeometryCommand::make(Session *session, const TrackId &track,
                                               const ClipId &clip, const Geometry &g, Edit edit,
                                               const QString &text)
{
    auto *c = new ClipGeometryCommand(session, track, clip, g);
    c->m_edit = edit;
    c->setText(text);
    return c;
}

void ClipGeometryCommand::apply(const Geometry &g)
{
    Clip *c = m_session->editClip(m_track, m_clip);
    if (!c)
        return;
    c->start = g.start;
    c->offset = g.offset;
    c->length = g.length;
    c->gainDb = g.gainDb;
    m_session->notifyClipChanged(m_track, m_clip);
}

void ClipGeometryCommand::redo()
{
    apply(m_new);
}

void ClipGeometryCommand::undo()
{
    apply(m_old);
}

bool ClipGeometryCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const ClipGeometryCommand *>(other);
    if (!o || o->m_track != m_track || o->m_clip != m_clip || o->m_edit != m_edit)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace mirstudio
