// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/pianokeyboard.h"

#include "widgets/noteaudition.h"
#include "widgets/pianorolllane.h"

#include <QMouseEvent>
#include <QPainter>

namespace mirstudio::widgets {

namespace {
bool black(int pitch)
{
    const int pc = pitch % 12;
    return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
}
} // namespace

PianoKeyboard::PianoKeyboard(PianoRollLane *roll, NoteAudition *audition, QWidget *parent)
    : QWidget(parent), m_roll(roll), m_audition(audition)
{
    setMinimumWidth(40);
}

void PianoKeyboard::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(235, 235, 235));
    const double h = m_roll->rowHeight();
    for (int pitch = m_roll->lowPitch(); pitch <= m_roll->highPitch(); ++pitch) {
        const QRectF key(0, m_roll->yForPitch(pitch), width(), h);
        const bool held = pitch == m_held;
        if (black(pitch))
            p.fillRect(QRectF(0, key.top(), width() * 0.62, h), held ? QColor(255, 170, 60) : QColor(30, 30, 30));
        else if (held)
            p.fillRect(key, QColor(255, 200, 110));
        p.setPen(QColor(150, 150, 150));
        if (pitch % 12 == 0 || pitch % 12 == 5)
            p.drawLine(key.bottomLeft(), key.bottomRight());
        if (pitch % 12 == 0 && h >= 7) {
            p.setPen(Qt::black);
            p.drawText(key.adjusted(0, 0, -3, 0), Qt::AlignRight | Qt::AlignVCenter,
                       QStringLiteral("C%1").arg(pitch / 12 - 1));
        }
    }
}

void PianoKeyboard::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_held = m_roll->pitchForY(event->position().y());
    if (m_audition)
        m_audition->play(m_held, 100);
    update();
}

void PianoKeyboard::mouseMoveEvent(QMouseEvent *event)
{
    if (m_held < 0)
        return;
    m_held = m_roll->pitchForY(event->position().y());
    if (m_audition)
        m_audition->follow(m_held, 100);
    update();
}

void PianoKeyboard::mouseReleaseEvent(QMouseEvent *)
{
    if (m_audition)
        m_audition->stop();
    m_held = -1;
    update();
}

} // namespace mirstudio::widgets
