// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QUndoCommand>
#include <QVariant>

namespace mirstudio {

class Session;

/**
 * Sets one common field of a track: name (QString), gain in dB and pan (double), mute, solo,
 * record-arm (bool), colour (QColor) or MIDI output port (QString, empty = synth). Continuous changes (gain, pan) of the same track merge
 * into one undo step, so a fader drag is undone at once. Owned by the undo stack; GUI thread.
 */
class TrackPropertyCommand : public QUndoCommand
{
public:
    enum class Property { Name, GainDb, Pan, Mute, Solo, RecordArm, Colour, MidiOutput };

    TrackPropertyCommand(Session *session, const TrackId &id, Property property,
                         const QVariant &value, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    /** The current value of `property` of a track (invalid when the track is absent). */
    static QVariant value(const Session &session, const TrackId &id, Property property);

private:
    void apply(const QVariant &value);

    Session *m_session;
    TrackId m_track;
    Property m_property;
    QVariant m_old;
    QVariant m_new;
};

} // namespace mirstudio
