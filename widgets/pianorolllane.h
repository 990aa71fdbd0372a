// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/midirecorder.h"
#include "core/session/midinote.h"
#include "widgets/lane.h"
#include "widgets/noteindex.h"
#include "widgets/snapgrid.h"

#include <QHash>

#include <optional>
#include <set>
#include <vector>

namespace mirstudio {
class Session;
struct Clip;
} // namespace mirstudio

namespace mirstudio::widgets {

class NoteAudition;
class NoteTiming;

/**
 * The note grid of a MIDI track: pitch rows (setPitchRange) against the shared time axis, and
 * the editing surface of the piano roll. Select tool: click selects (Shift adds), drag moves
 * (time snapped to the grid, pitch by rows), dragging a note's right edge resizes, dragging on
 * empty space rubber-band selects, double-click draws a note. Draw tool: click-drag draws.
 * Keys: Delete, Ctrl+A/C/V/D, Q quantize, Up/Down transpose (Shift: octave), Left/Right nudge
 * by a grid step, Escape.
 *
 * Every edit is a SetNotesCommand on the session; the commands of one drag share a merge group
 * so a drag is one undo step. Notes sound through the NoteAudition while drawn or dragged.
 * Painting visits only the visible notes (a NoteIndex per clip, rebuilt when a clip changes).
 * Notes of a MIDI take in progress (setLiveNotes) are drawn over the clips.
 *
 * Edits one clip at a time (the clip last clicked: activeClip()). Does not own the session,
 * axis or audition. GUI thread only.
 */
class PianoRollLane : public Lane
{
    Q_OBJECT
public:
    enum class Tool { Select, Draw };

    PianoRollLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);
    ~PianoRollLane() override;

    Session *session() const { return m_session; }
    void setAudition(NoteAudition *audition) { m_audition = audition; }
    NoteAudition *audition() const { return m_audition; }
    Tool tool() const { return m_tool; }
    void setTool(Tool tool) { m_tool = tool; }
    SnapGrid snapGrid() const { return m_grid; }
    void setSnapGrid(SnapGrid grid) { m_grid = grid; }

    /** Shows pitches lowPitch..highPitch (bottom to top) over the lane's height. */
    void setPitchRange(int lowPitch, int highPitch);
    int lowPitch() const { return m_low; }
    int highPitch() const { return m_high; }
    double rowHeight() const;
    double yForPitch(int pitch) const; ///< top of the pitch's row
    int pitchForY(double y) const;

    /** The clip being edited (null before the first click when the track has no clip). */
    ClipId activeClip() const;
    void setActiveClip(const ClipId &clip);
    /** Selected note indices of the active clip. */
    const std::set<int> &selection() const { return m_selection; }
    void setSelection(std::set<int> indices);
    void selectAll();

    void deleteSelection();
    void copySelection();
    /** Pastes the clipboard at the playhead (or right after the copied notes), selecting it. */
    void paste();
    /** Copies the selection right after itself, selecting the copies. */
    void duplicateSelection();
    /** Moves the selected notes' starts (all notes when none is selected) to the snap grid. */
    void quantizeSelection();
    void transposeSelection(int semitones);
    /** Moves the selection by `steps` grid steps (a sixteenth when snapping is off). */
    void nudgeSelection(int steps);

    /** Notes of a take being recorded (frames at the session rate), drawn live. */
    void setLiveNotes(std::vector<MidiRecorder::Note> notes);
    const std::vector<MidiRecorder::Note> &liveNotes() const { return m_live; }
    /** The time index of a clip's notes (cached until the clip changes). */
    const NoteIndex &noteIndex(const Clip &clip) { return indexFor(clip); }
    /** A fresh merge group for the SetNotesCommands of one gesture. */
    static quint64 newMergeGroup();

    /** Notes drawn by the last paint (for tests and the paint benchmark). */
    int paintedNotes() const { return m_paintedNotes; }

Q_SIGNALS:
    void selectionChanged();

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Drag { None, Move, Resize, Draw, Band };
    struct Hit { ClipId clip; int index = -1; bool edge = false; };

    const Clip *clipPtr(const ClipId &id) const;
    const Clip *clipAtX(double x) const;
    const NoteIndex &indexFor(const Clip &clip);
    QRectF noteRect(const NoteTiming &timing, const MidiNote &note) const;
    Hit hitTest(const QPointF &pos);
    void paintGrid(QPainter &p, const QRect &dirty);
    void paintClipNotes(QPainter &p, const Clip &clip, const QRect &dirty);
    void paintLiveNotes(QPainter &p);
    void beginDraw(const QPointF &pos);
    void dragTo(const QPointF &pos);
    void bandSelect(const QRectF &band);
    void pushNotes(std::vector<MidiNote> notes, const QString &text, bool merge);
    void selectNotes(std::set<int> indices);

    Session *m_session;
    NoteAudition *m_audition = nullptr;
    Tool m_tool = Tool::Select;
    SnapGrid m_grid = SnapGrid::Sixteenth;
    int m_low = 36;
    int m_high = 84;
    ClipId m_active;
    std::set<int> m_selection;
    QHash<ClipId, NoteIndex> m_indices; // dropped when a clip changes
    std::vector<MidiNote> m_clipboard;
    std::vector<MidiRecorder::Note> m_live;
    int m_paintedNotes = 0;

    // Gesture state.
    Drag m_drag = Drag::None;
    quint64 m_mergeGroup = 0;
    QPointF m_pressPos;
    QPointF m_bandEnd;
    int m_pressedNote = -1;
    std::vector<MidiNote> m_dragOrigin;
    std::optional<std::vector<MidiNote>> m_lastPushed;
};

} // namespace mirstudio::widgets
