// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/lane.h"

#include "widgets/timeaxis.h"

#include <QPaintEvent>
#include <QPainter>

#include <cmath>

namespace mirstudio::widgets {

Lane::Lane(TimeAxis *axis, const TrackId &track, QWidget *parent)
    : QWidget(parent)
    , m_axis(axis)
    , m_track(track)
{
    Q_ASSERT(axis);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_axis, &TimeAxis::changed, this, qOverload<>(&QWidget::update));
}

void Lane::setPreferredHeight(int height)
{
    if (height == m_preferredHeight)
        return;
    m_preferredHeight = height;
    updateGeometry();
}

void Lane::setSelectedClips(const QSet<ClipId> &clips)
{
    if (clips == m_selected)
        return;
    m_selected = clips;
    update();
}

QSize Lane::sizeHint() const
{
    return {m_axis->viewWidth(), m_preferredHeight};
}

QSize Lane::minimumSizeHint() const
{
    return {32, 24};
}

int Lane::playheadX() const
{
    return m_playheadSeconds < 0 ? -1 : int(std::floor(m_axis->xForSeconds(m_playheadSeconds)));
}

void Lane::setPlayheadSeconds(double seconds)
{
    if (seconds == m_playheadSeconds)
        return;
    const int oldX = playheadX();
    m_playheadSeconds = seconds;
    const int newX = playheadX();
    if (oldX == newX)
        return;
    // Only the two columns the line leaves and enters are repainted.
    if (oldX >= 0 && oldX < width())
        update(oldX - 1, 0, 3, height());
    if (newX >= 0 && newX < width())
        update(newX - 1, 0, 3, height());
}

void Lane::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.setClipRect(event->rect());
    paintLane(p, event->rect());
    const int x = playheadX();
    if (x >= 0 && x < width() && event->rect().intersects(QRect(x, 0, 1, height()))) {
        p.setPen(QPen(QColor(255, 80, 60), 1));
        p.drawLine(x, 0, x, height());
    }
}

void Lane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Lanes sit in one column of the timeline, so any of them may report the view width.
    m_axis->setViewWidth(width());
}

} // namespace mirstudio::widgets
