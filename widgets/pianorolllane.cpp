// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/pianorolllane.h"

#include "core/session/session.h"
#include "core/session/setnotescommand.h"
#include "widgets/lanepainting.h"
#include "widgets/noteaudition.h"
#include "widgets/notetiming.h"
#include "widgets/timeaxis.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

namespace {

constexpr double edgeGrip = 5.0; // px at a note's right end that resize instead of move

bool isBlackKey(int pitch)
{
    const int pc = ((pitch % 12) + 12) % 12;
    return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
}

} // namespace

PianoRollLane::PianoRollLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent)
    : Lane(axis, track, parent), m_session(session)
{
    setPreferredHeight(160);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    connect(session, &Session::clipChanged, this, [this](const TrackId &t, const ClipId &c) {
        if (t != trackId())
            return;
        m_indices.remove(c);
        update();
    });
    auto reset = [this] {
        m_indices.clear();
        m_selection.clear();
        update();
    };
    connect(session, &Session::clipRemoved, this, reset);
    connect(session, &Session::clipAdded, this, reset);
    connect(session, &Session::sessionReset, this, reset);
    connect(session, &Session::tempoChanged, this, [this] { update(); });
}

PianoRollLane::~PianoRollLane() = default;

quint64 PianoRollLane::newMergeGroup()
{
    static quint64 group = 0;
    return ++group;
}

void PianoRollLane::setPitchRange(int lowPitch, int highPitch)
{
    m_low = std::clamp(lowPitch, 0, 127);
    m_high = std::clamp(std::max(highPitch, m_low), 0, 127);
    update();
}

double PianoRollLane::rowHeight() const
{
    return double(height()) / double(m_high - m_low + 1);
}

double PianoRollLane::yForPitch(int pitch) const
{
    return double(m_high - pitch) * rowHeight();
}

int PianoRollLane::pitchForY(double y) const
{
    return std::clamp(m_high - int(std::floor(y / rowHeight())), 0, 127);
}

const Clip *PianoRollLane::clipPtr(const ClipId &id) const
{
    return m_session->clip(trackId(), id);
}

ClipId PianoRollLane::activeClip() const
{
    if (clipPtr(m_active))
        return m_active;
    const Track *t = m_session->track(trackId());
    return t && !t->clips.empty() ? t->clips.front().id : ClipId();
}

void PianoRollLane::setActiveClip(const ClipId &clip)
{
    if (clip == m_active)
        return;
    m_active = clip;
    m_selection.clear();
    Q_EMIT selectionChanged();
    update();
}

const Clip *PianoRollLane::clipAtX(double x) const
{
    const Track *t = m_session->track(trackId());
    if (!t)
        return nullptr;
    const std::int64_t frame = axis()->frameForX(x);
    for (const Clip &c : t->clips)
        if (frame >= c.start && frame < c.start + c.length)
            return &c;
    return nullptr;
}

const NoteIndex &PianoRollLane::indexFor(const Clip &clip)
{
    auto it = m_indices.find(clip.id);
    if (it == m_indices.end())
        it = m_indices.insert(clip.id, NoteIndex(clip.notes));
    return *it;
}

QRectF PianoRollLane::noteRect(const NoteTiming &timing, const MidiNote &note) const
{
    const double x0 = timing.xForTick(double(note.start));
    const double x1 = timing.xForTick(double(note.start + note.length));
    return QRectF(x0, yForPitch(note.pitch), std::max(2.0, x1 - x0), rowHeight());
}

void PianoRollLane::setSelection(std::set<int> indices)
{
    selectNotes(std::move(indices));
}

void PianoRollLane::selectNotes(std::set<int> indices)
{
    if (indices == m_selection)
        return;
    m_selection = std::move(indices);
    Q_EMIT selectionChanged();
    update();
}

void PianoRollLane::selectAll()
{
    const Clip *c = clipPtr(activeClip());
    std::set<int> all;
    for (int i = 0; c && i < int(c->notes.size()); ++i)
        all.insert(i);
    m_active = activeClip();
    selectNotes(std::move(all));
}

// ---- painting ----

void PianoRollLane::paintLane(QPainter &p, const QRect &dirty)
{
    m_paintedNotes = 0;
    paintGrid(p, dirty);
    if (const Track *t = m_session->track(trackId()))
        for (const Clip &c : t->clips)
            paintClipNotes(p, c, dirty);
    paintLiveNotes(p);
    if (m_drag == Drag::Band) {
        p.setPen(QPen(QColor(255, 255, 255, 180), 1, Qt::DashLine));
        p.setBrush(QColor(255, 255, 255, 30));
        p.drawRect(QRectF(m_pressPos, m_bandEnd).normalized());
    }
}

void PianoRollLane::paintGrid(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    const double h = rowHeight();
    for (int pitch = m_low; pitch <= m_high; ++pitch) {
        const QRectF row(dirty.left(), yForPitch(pitch), dirty.width(), h);
        if (isBlackKey(pitch))
            p.fillRect(row, QColor(0, 0, 0, 40));
        if (pitch % 12 == 0 && h >= 3) {
            p.setPen(QColor(255, 255, 255, 40));
            p.drawLine(row.bottomLeft(), row.bottomRight());
        }
    }
}

void PianoRollLane::paintClipNotes(QPainter &p, const Clip &clip, const QRect &dirty)
{
    const NoteTiming timing(*axis(), m_session->tempoMap(), clip);
    const double clipX0 = std::max<double>(dirty.left(), axis()->xForFrame(clip.start));
    const double clipX1 = std::min<double>(dirty.right() + 1, axis()->xForFrame(clip.start + clip.length));
    if (clipX1 <= clipX0)
        return;
    const bool active = clip.id == activeClip();
    p.fillRect(QRectF(clipX0, 0, clipX1 - clipX0, height()), QColor(255, 255, 255, active ? 12 : 6));
    const auto from = std::int64_t(std::floor(timing.tickForX(clipX0)));
    const auto to = std::int64_t(std::ceil(timing.tickForX(clipX1))) + 1;
    const Track *t = m_session->track(trackId());
    const QColor base = trackColour(t ? t->colour : QColor(), m_session->trackIndex(trackId()));
    p.setPen(QPen(base.darker(180), 1));
    indexFor(clip).forEachIn(clip.notes, from, to, [&](int i) {
        const MidiNote &n = clip.notes[std::size_t(i)];
        if (n.pitch < m_low || n.pitch > m_high)
            return;
        const bool selected = active && m_selection.count(i);
        QColor fill = selected ? QColor(255, 210, 90) : base;
        fill.setAlpha(110 + n.velocity);
        p.setBrush(fill);
        p.drawRect(noteRect(timing, n));
        ++m_paintedNotes;
    });
}

void PianoRollLane::paintLiveNotes(QPainter &p)
{
    if (m_live.empty())
        return;
    p.setPen(QPen(QColor(255, 80, 60), 1));
    p.setBrush(QColor(255, 80, 60, 140));
    const std::int64_t now = axis()->frameForX(width());
    for (const MidiRecorder::Note &n : m_live) {
        const double x0 = axis()->xForFrame(n.start);
        const double x1 = axis()->xForFrame(n.end < 0 ? now : n.end);
        p.drawRect(QRectF(x0, yForPitch(n.pitch), std::max(2.0, x1 - x0), rowHeight()));
    }
}

void PianoRollLane::setLiveNotes(std::vector<MidiRecorder::Note> notes)
{
    m_live = std::move(notes);
    update();
}

// ---- editing ----

void PianoRollLane::pushNotes(std::vector<MidiNote> notes, const QString &text, bool merge)
{
    const ClipId clip = activeClip();
    if (clip.isNull() || (m_lastPushed && *m_lastPushed == notes))
        return;
    if (merge)
        m_lastPushed = notes;
    auto *cmd = new SetNotesCommand(m_session, trackId(), clip, std::move(notes), text);
    if (merge)
        cmd->setMergeGroup(m_mergeGroup);
    m_session->push(cmd);
}

PianoRollLane::Hit PianoRollLane::hitTest(const QPointF &pos)
{
    const Track *t = m_session->track(trackId());
    if (!t)
        return {};
    const int pitch = pitchForY(pos.y());
    for (const Clip &clip : t->clips) {
        const NoteTiming timing(*axis(), m_session->tempoMap(), clip);
        const auto tick = std::int64_t(timing.tickForX(pos.x()));
        Hit hit;
        indexFor(clip).forEachIn(clip.notes, tick, tick + 1, [&](int i) {
            const MidiNote &n = clip.notes[std::size_t(i)];
            const QRectF r = noteRect(timing, n);
            if (n.pitch == pitch && r.contains(pos)) {
                hit = {clip.id, i, pos.x() >= r.right() - edgeGrip};
            }
        });
        // Also catch the grip just past a very short note's end.
        if (hit.index < 0)
            indexFor(clip).forEachIn(clip.notes, std::int64_t(timing.tickForX(pos.x() - edgeGrip)), tick + 1, [&](int i) {
                const MidiNote &n = clip.notes[std::size_t(i)];
                const QRectF r = noteRect(timing, n);
                if (n.pitch == pitch && std::abs(pos.x() - r.right()) <= edgeGrip)
                    hit = {clip.id, i, true};
            });
        if (hit.index >= 0)
            return hit;
    }
    return {};
}

void PianoRollLane::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return Lane::mousePressEvent(event);
    setFocus();
    m_pressPos = event->position();
    m_mergeGroup = newMergeGroup();
    m_lastPushed.reset();
    const Hit hit = hitTest(m_pressPos);
    if (hit.index >= 0) {
        if (hit.clip != m_active)
            setActiveClip(hit.clip);
        std::set<int> sel = m_selection;
        if (event->modifiers() & Qt::ShiftModifier) {
            if (!sel.erase(hit.index))
                sel.insert(hit.index);
        } else if (!sel.count(hit.index)) {
            sel = {hit.index};
        }
        selectNotes(std::move(sel));
        m_pressedNote = hit.index;
        m_dragOrigin = clipPtr(hit.clip)->notes;
        m_drag = hit.edge ? Drag::Resize : Drag::Move;
        const MidiNote &n = m_dragOrigin[std::size_t(hit.index)];
        if (m_audition)
            m_audition->play(n.pitch, n.velocity);
        return;
    }
    if (m_tool == Tool::Draw) {
        beginDraw(m_pressPos);
        return;
    }
    if (!(event->modifiers() & Qt::ShiftModifier))
        selectNotes({});
    m_drag = Drag::Band;
    m_bandEnd = m_pressPos;
}

void PianoRollLane::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && hitTest(event->position()).index < 0) {
        m_mergeGroup = newMergeGroup();
        m_lastPushed.reset();
        beginDraw(event->position());
    }
}

void PianoRollLane::beginDraw(const QPointF &pos)
{
    const Clip *clip = clipAtX(pos.x());
    if (!clip) {
        m_drag = Drag::None;
        return;
    }
    if (clip->id != m_active)
        setActiveClip(clip->id);
    const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
    const double raw = timing.tickForX(pos.x());
    std::int64_t start = timing.snapTick(raw, m_grid);
    if (m_grid != SnapGrid::Off && double(start) > raw) // drawing snaps to the cell under the mouse
        start -= timing.gridStep(raw, m_grid);
    MidiNote note;
    note.pitch = pitchForY(pos.y());
    note.start = std::max<std::int64_t>(0, start);
    note.length = timing.gridStep(raw, m_grid);
    note.velocity = 100;
    m_dragOrigin = clip->notes;
    m_pressedNote = int(m_dragOrigin.size());
    m_dragOrigin.push_back(note);
    m_drag = Drag::Draw;
    pushNotes(m_dragOrigin, tr("Draw note"), true);
    selectNotes({m_pressedNote});
    if (m_audition)
        m_audition->play(note.pitch, note.velocity);
}

void PianoRollLane::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None) {
        const Hit hit = hitTest(event->position());
        setCursor(hit.index >= 0 ? (hit.edge ? Qt::SizeHorCursor : Qt::OpenHandCursor) : Qt::ArrowCursor);
        return;
    }
    dragTo(event->position());
}

void PianoRollLane::dragTo(const QPointF &pos)
{
    if (m_drag == Drag::Band) {
        m_bandEnd = pos;
        bandSelect(QRectF(m_pressPos, m_bandEnd).normalized());
        update();
        return;
    }
    const Clip *clip = clipPtr(m_active);
    if (!clip || m_pressedNote < 0 || m_pressedNote >= int(m_dragOrigin.size()))
        return;
    const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
    std::vector<MidiNote> notes = m_dragOrigin;
    const MidiNote &pressed = m_dragOrigin[std::size_t(m_pressedNote)];
    const double tickDelta = timing.tickForX(pos.x()) - timing.tickForX(m_pressPos.x());
    if (m_drag == Drag::Move) {
        const std::int64_t start = std::max<std::int64_t>(0, timing.snapTick(double(pressed.start) + tickDelta, m_grid));
        const std::int64_t dt = start - pressed.start;
        const int dp = pitchForY(pos.y()) - pitchForY(m_pressPos.y());
        for (int i : m_selection) {
            MidiNote &n = notes[std::size_t(i)];
            n.start = std::max<std::int64_t>(0, n.start + dt);
            n.pitch = std::clamp(n.pitch + dp, 0, 127);
        }
        if (m_audition)
            m_audition->follow(notes[std::size_t(m_pressedNote)].pitch, pressed.velocity);
        pushNotes(std::move(notes), tr("Move notes"), true);
        return;
    }
    // Resize (and the length of a note being drawn): the end follows the grid.
    const double rawEnd = double(pressed.start + pressed.length) + tickDelta;
    const std::int64_t minLength = std::max<std::int64_t>(1, timing.gridStep(rawEnd, m_grid) / (m_grid == SnapGrid::Off ? 8 : 1));
    const std::int64_t end = timing.snapTick(rawEnd, m_grid);
    const std::int64_t dl = std::max(end - pressed.start, minLength) - pressed.length;
    const std::set<int> targets = m_drag == Drag::Draw ? std::set<int>{m_pressedNote} : m_selection;
    for (int i : targets) {
        MidiNote &n = notes[std::size_t(i)];
        n.length = std::max(minLength, n.length + dl);
    }
    pushNotes(std::move(notes), m_drag == Drag::Draw ? tr("Draw note") : tr("Resize notes"), true);
}

void PianoRollLane::bandSelect(const QRectF &band)
{
    const Clip *clip = clipAtX(band.center().x());
    if (!clip)
        clip = clipPtr(activeClip());
    if (!clip)
        return;
    if (clip->id != m_active)
        m_active = clip->id;
    const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
    std::set<int> sel;
    indexFor(*clip).forEachIn(clip->notes, std::int64_t(timing.tickForX(band.left())),
                              std::int64_t(timing.tickForX(band.right())) + 1, [&](int i) {
        if (noteRect(timing, clip->notes[std::size_t(i)]).intersects(band))
            sel.insert(i);
    });
    selectNotes(std::move(sel));
}

void PianoRollLane::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag != Drag::None && m_drag != Drag::Band)
        dragTo(event->position());
    if (m_audition)
        m_audition->stop();
    m_drag = Drag::None;
    m_pressedNote = -1;
    m_lastPushed.reset();
    update();
}

void PianoRollLane::deleteSelection()
{
    if (m_selection.empty())
        return;
    const std::vector<int> indices(m_selection.begin(), m_selection.end());
    const ClipId clip = activeClip();
    m_selection.clear();
    m_session->push(SetNotesCommand::removeNotes(m_session, trackId(), clip, indices));
    Q_EMIT selectionChanged();
}

void PianoRollLane::copySelection()
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_selection.empty())
        return;
    m_clipboard.clear();
    for (int i : m_selection)
        m_clipboard.push_back(clip->notes[std::size_t(i)]);
}

namespace {

/** Shifts `notes` so the earliest starts at `at`; returns the span they cover (first start, last end). */
std::pair<std::int64_t, std::int64_t> spanOf(const std::vector<MidiNote> &notes)
{
    std::int64_t first = INT64_MAX, last = 0;
    for (const MidiNote &n : notes) {
        first = std::min(first, n.start);
        last = std::max(last, n.start + n.length);
    }
    return {first, last};
}

} // namespace

void PianoRollLane::paste()
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_clipboard.empty())
        return;
    const auto [first, last] = spanOf(m_clipboard);
    std::int64_t at = last;
    if (playheadSeconds() >= 0) {
        const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
        at = std::max<std::int64_t>(0, timing.snapTick(timing.tickForSeconds(playheadSeconds()), m_grid));
    }
    std::vector<MidiNote> notes = clip->notes;
    std::set<int> sel;
    for (MidiNote n : m_clipboard) {
        n.start += at - first;
        sel.insert(int(notes.size()));
        notes.push_back(n);
    }
    m_active = clip->id;
    pushNotes(std::move(notes), tr("Paste notes"), false);
    selectNotes(std::move(sel));
}

void PianoRollLane::duplicateSelection()
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_selection.empty())
        return;
    std::vector<MidiNote> copies;
    for (int i : m_selection)
        copies.push_back(clip->notes[std::size_t(i)]);
    const auto [first, last] = spanOf(copies);
    std::vector<MidiNote> notes = clip->notes;
    std::set<int> sel;
    for (MidiNote n : copies) {
        n.start += last - first;
        sel.insert(int(notes.size()));
        notes.push_back(n);
    }
    pushNotes(std::move(notes), tr("Duplicate notes"), false);
    selectNotes(std::move(sel));
}

void PianoRollLane::quantizeSelection()
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_grid == SnapGrid::Off)
        return;
    const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
    std::vector<MidiNote> notes = clip->notes;
    for (int i = 0; i < int(notes.size()); ++i)
        if (m_selection.empty() || m_selection.count(i))
            notes[std::size_t(i)].start = std::max<std::int64_t>(0, timing.snapTick(double(notes[std::size_t(i)].start), m_grid));
    pushNotes(std::move(notes), tr("Quantize notes"), false);
}

void PianoRollLane::transposeSelection(int semitones)
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_selection.empty())
        return;
    std::vector<MidiNote> notes = clip->notes;
    for (int i : m_selection)
        notes[std::size_t(i)].pitch = std::clamp(notes[std::size_t(i)].pitch + semitones, 0, 127);
    pushNotes(std::move(notes), tr("Transpose notes"), false);
}

void PianoRollLane::nudgeSelection(int steps)
{
    const Clip *clip = clipPtr(activeClip());
    if (!clip || m_selection.empty())
        return;
    const NoteTiming timing(*axis(), m_session->tempoMap(), *clip);
    std::vector<MidiNote> notes = clip->notes;
    const std::int64_t first = notes[std::size_t(*m_selection.begin())].start;
    const std::int64_t delta = steps * timing.gridStep(double(first), m_grid);
    for (int i : m_selection)
        notes[std::size_t(i)].start = std::max<std::int64_t>(0, notes[std::size_t(i)].start + delta);
    pushNotes(std::move(notes), tr("Nudge notes"), false);
}

void PianoRollLane::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool arrow = event->key() == Qt::Key_Up || event->key() == Qt::Key_Down
                       || event->key() == Qt::Key_Left || event->key() == Qt::Key_Right;
    if (arrow && m_selection.empty())
        return Lane::keyPressEvent(event); // nothing to move: let the timeline scroll
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace: deleteSelection(); break;
    case Qt::Key_A: if (ctrl) selectAll(); else event->ignore(); break;
    case Qt::Key_C: if (ctrl) copySelection(); else event->ignore(); break;
    case Qt::Key_V: if (ctrl) paste(); else event->ignore(); break;
    case Qt::Key_D: if (ctrl) duplicateSelection(); else event->ignore(); break;
    case Qt::Key_Q: quantizeSelection(); break;
    case Qt::Key_Up: transposeSelection(shift ? 12 : 1); break;
    case Qt::Key_Down: transposeSelection(shift ? -12 : -1); break;
    case Qt::Key_Left: nudgeSelection(-1); break;
    case Qt::Key_Right: nudgeSelection(1); break;
    case Qt::Key_Escape: selectNotes({}); break;
    default: Lane::keyPressEvent(event); return;
    }
}

} // namespace mirstudio::widgets
