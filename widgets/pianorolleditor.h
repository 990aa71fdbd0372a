// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"
#include "widgets/noteaudition.h"

#include <QWidget>

class QComboBox;
class QScrollBar;
class QToolButton;

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

class PianoKeyboard;
class PianoRollLane;
class TimeAxis;
class VelocityLane;

/**
 * The piano-roll editor of one MIDI track: a tool bar (select/draw tool, snap grid 1/4..1/32
 * with triplets, bar, beat or off, Quantize), the keyboard on the left, the note grid
 * (PianoRollLane) with a vertical scroll bar over the 128 pitches, and the velocity lane below,
 * all on the given time axis. Auditioning goes to the sink set with setMidiSink() (the window
 * passes Engine::sendMidi) on the track's synth channel (setAuditionChannel()).
 *
 * Owns its child widgets and the NoteAudition; does not own the session or the axis.
 * GUI thread only.
 */
class PianoRollEditor : public QWidget
{
    Q_OBJECT
public:
    PianoRollEditor(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);

    void setMidiSink(NoteAudition::Sink sink) { m_audition.setSink(std::move(sink)); }
    void setAuditionChannel(int channel) { m_audition.setChannel(channel); }

    PianoRollLane *roll() const { return m_roll; }
    PianoKeyboard *keyboard() const { return m_keyboard; }
    VelocityLane *velocityLane() const { return m_velocity; }
    QComboBox *snapBox() const { return m_snap; }

    /** Rows shown at once (the scroll bar moves through the rest of 0..127). */
    void setVisibleKeys(int keys);

private:
    void scrollPitch(int lowPitch);

    NoteAudition m_audition;
    PianoRollLane *m_roll;
    PianoKeyboard *m_keyboard;
    VelocityLane *m_velocity;
    QComboBox *m_snap;
    QToolButton *m_draw;
    QScrollBar *m_pitchBar;
    int m_visibleKeys = 36;
};

} // namespace mirstudio::widgets
