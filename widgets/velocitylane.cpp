// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/velocitylane.h"

#include "core/session/session.h"
#include "core/session/setnotescommand.h"
#include "widgets/lanepainting.h"
#include "widgets/notetiming.h"
#include "widgets/pianorolllane.h"
#include "widgets/timeaxis.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

VelocityLane::VelocityLane(TimeAxis *axis, PianoRollLane *roll, QWidget *parent)
    : Lane(axis, roll->trackId(), parent), m_roll(roll)
{
    setPreferredHeight(60);
    connect(roll->session(), &Session::clipChanged, this, [this] { update(); });
    connect(roll, &PianoRollLane::selectionChanged, this, [this] { update(); });
}

int VelocityLane::velocityForY(double y) const
{
    return std::clamp(int(std::lround(127.0 * (1.0 - y / std::max(1, height() - 1)))), 1, 127);
}

void VelocityLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    const Clip *clip = m_roll->session()->clip(trackId(), m_roll->activeClip());
    if (!clip)
        return;
    const NoteTiming timing(*axis(), m_roll->session()->tempoMap(), *clip);
    const auto from = std::int64_t(timing.tickForX(dirty.left() - 4));
    const auto to = std::int64_t(timing.tickForX(dirty.right() + 4)) + 1;
    m_roll->noteIndex(*clip).forEachIn(clip->notes, from, to, [&](int i) {
        const MidiNote &n = clip->notes[std::size_t(i)];
        if (n.start < from)
            return; // starts off screen: its stem is not visible
        const double x = timing.xForTick(double(n.start));
        const double y = (1.0 - n.velocity / 127.0) * (height() - 1);
        const QColor c = m_roll->selection().count(i) ? QColor(255, 210, 90) : QColor(120, 190, 255);
        p.setPen(QPen(c, 2));
        p.drawLine(QPointF(x, height()), QPointF(x, y));
        p.setBrush(c);
        p.drawEllipse(QPointF(x, y), 3, 3);
    });
}

int VelocityLane::noteAt(double x) const
{
    const Clip *clip = m_roll->session()->clip(trackId(), m_roll->activeClip());
    if (!clip)
        return -1;
    const NoteTiming timing(*axis(), m_roll->session()->tempoMap(), *clip);
    int best = -1;
    double bestDistance = 6.0;
    for (int i = 0; i < int(clip->notes.size()); ++i) {
        const double d = std::abs(timing.xForTick(double(clip->notes[std::size_t(i)].start)) - x);
        if (d <= bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

void VelocityLane::setVelocity(int velocity)
{
    Session *session = m_roll->session();
    const ClipId clipId = m_roll->activeClip();
    const Clip *clip = session->clip(trackId(), clipId);
    if (!clip || m_note < 0 || m_note >= int(clip->notes.size()))
        return;
    std::vector<MidiNote> notes = clip->notes;
    const bool group = m_roll->selection().count(m_note) > 0;
    for (int i = 0; i < int(notes.size()); ++i)
        if (i == m_note || (group && m_roll->selection().count(i)))
            notes[std::size_t(i)].velocity = velocity;
    if (notes == clip->notes)
        return;
    auto *cmd = new SetNotesCommand(session, trackId(), clipId, std::move(notes), tr("Set velocity"));
    cmd->setMergeGroup(m_group);
    session->push(cmd);
}

void VelocityLane::mousePressEvent(QMouseEvent *event)
{
    m_note = noteAt(event->position().x());
    m_group = PianoRollLane::newMergeGroup();
    setVelocity(velocityForY(event->position().y()));
}

void VelocityLane::mouseMoveEvent(QMouseEvent *event)
{
    if (m_note >= 0)
        setVelocity(velocityForY(event->position().y()));
}

void VelocityLane::mouseReleaseEvent(QMouseEvent *)
{
    m_note = -1;
}

} // namespace mirstudio::widgets
