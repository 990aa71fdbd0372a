// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/trackpropertycommand.h"

#include "core/session/session.h"

#include <QColor>
#include <QCoreApplication>

namespace mirstudio {

namespace {

QString label(TrackPropertyCommand::Property p)
{
    using P = TrackPropertyCommand::Property;
    switch (p) {
    case P::Name: return QCoreApplication::translate("mirstudio", "Rename track");
    case P::GainDb: return QCoreApplication::translate("mirstudio", "Change track gain");
    case P::Pan: return QCoreApplication::translate("mirstudio", "Change track pan");
    case P::Mute: return QCoreApplication::translate("mirstudio", "Mute track");
    case P::Solo: return QCoreApplication::translate("mirstudio", "Solo track");
    case P::RecordArm: return QCoreApplication::translate("mirstudio", "Arm track for recording");
    case P::Colour: return QCoreApplication::translate("mirstudio", "Change track colour");
    case P::MidiOutput: return QCoreApplication::translate("mirstudio", "Route track to MIDI output");
    }
    return QString();
}

} // namespace

TrackPropertyCommand::TrackPropertyCommand(Session *session, const TrackId &id,
                                           Property property, const QVariant &value,
                                           QUndoCommand *parent)
    : QUndoCommand(label(property), parent)
    , m_session(session), m_track(id), m_property(property)
    , m_old(TrackPropertyCommand::value(*session, id, property)), m_new(value)
{
}

QVariant TrackPropertyCommand::value(const Session &session, const TrackId &id, Property property)
{
    const Track *t = session.track(id);
    if (!t)
        return {};
    switch (property) {
    case Property::Name: return t->name;
    case Property::GainDb: return t->gainDb;
    case Property::Pan: return t->pan;
    case Property::Mute: return t->mute;
    case Property::Solo: return t->solo;
    case Property::RecordArm: return t->recordArm;
    case Property::Colour: return t->colour;
    case Property::MidiOutput: return t->midiOutput;
    }
    return {};
}

void TrackPropertyCommand::apply(const QVariant &v)
{
    Track *t = m_session->editTrack(m_track);
    if (!t || !v.isValid())
        return;
    switch (m_property) {
    case Property::Name: t->name = v.toString(); break;
    case Property::GainDb: t->gainDb = v.toDouble(); break;
    case Property::Pan: t->pan = std::clamp(v.toDouble(), -1.0, 1.0); break;
    case Property::Mute: t->mute = v.toBool(); break;
    case Property::Solo: t->solo = v.toBool(); break;
    case Property::RecordArm: t->recordArm = v.toBool(); break;
    case Property::Colour: t->colour = v.value<QColor>(); break;
    case Property::MidiOutput: t->midiOutput = v.toString(); break;
    }
    m_session->notifyTrackChanged(m_track);
}

void TrackPropertyCommand::redo()
{
    apply(m_new);
}

void TrackPropertyCommand::undo()
{
    apply(m_old);
}

int TrackPropertyCommand::id() const
{
    // Only continuous controls merge; toggles and renames stay separate steps.
    if (m_property == Property::GainDb || m_property == Property::Pan)
        return 0x1000 + int(m_property);
    return -1;
}

bool TrackPropertyCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const TrackPropertyCommand *>(other);
    if (!o || o->m_track != m_track || o->m_property != m_property)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace mirstudio
