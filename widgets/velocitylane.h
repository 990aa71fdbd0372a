// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/lane.h"

#include <QPointF>

namespace mirstudio::widgets {

class PianoRollLane;

/**
 * Velocity stems of the active clip's notes under the piano roll, on the same time axis.
 * Dragging vertically on a stem sets its velocity (1..127); when that note is selected, every
 * selected note takes the value. A drag is one undo step (merged SetNotesCommands).
 * Does not own the roll or the axis. GUI thread only.
 */
class VelocityLane : public Lane
{
    Q_OBJECT
public:
    VelocityLane(TimeAxis *axis, PianoRollLane *roll, QWidget *parent = nullptr);

    int velocityForY(double y) const;

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    int noteAt(double x) const;
    void setVelocity(int velocity);

    PianoRollLane *m_roll;
    int m_note = -1;
    quint64 m_group = 0;
};

} // namespace mirstudio::widgets
