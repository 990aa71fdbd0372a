// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/annotationlane.h"

#include "core/session/session.h"
#include "widgets/lanepainting.h"
#include "widgets/timeaxis.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mirstudio::widgets {

AnnotationLane::AnnotationLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent)
    : Lane(axis, track, parent), m_session(session)
{
    setPreferredHeight(90);
    connect(session, &Session::trackChanged, this, [this](const TrackId &id) {
        if (id == trackId())
            reindex();
    });
    connect(session, &Session::sessionReset, this, &AnnotationLane::reindex);
    reindex();
}

void AnnotationLane::reindex()
{
    m_order.clear();
    m_starts.clear();
    m_maxLength = 0;
    const Track *t = m_session->track(trackId());
    const auto &items = t ? t->items : std::vector<AnnotationItem>{};
    m_order.resize(items.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(),
                     [&](int a, int b) { return items[std::size_t(a)].start < items[std::size_t(b)].start; });
    double lo = INFINITY, hi = -INFINITY;
    for (int i : m_order) {
        const AnnotationItem &it = items[std::size_t(i)];
        m_starts.push_back(it.start);
        m_maxLength = std::max(m_maxLength, it.length);
        if (it.kind == AnnotationItem::Kind::Value && it.value > 0.0) {
            lo = std::min(lo, it.value);
            hi = std::max(hi, it.value);
        }
    }
    m_min = std::isfinite(lo) ? lo : 0.0;
    m_max = std::isfinite(hi) ? std::max(hi, m_min + 1e-9) : 1.0;
    m_log = m_min >= 20.0 && m_max / m_min > 2.0; // frequencies: an octave is an octave
    update();
}

double AnnotationLane::yForValue(double value) const
{
    const double top = 14.0, bottom = height() - 4.0;
    double f = m_log ? std::log(value / m_min) / std::log(m_max / m_min) : (value - m_min) / (m_max - m_min);
    if (!std::isfinite(f))
        f = 0.5;
    return bottom - f * (bottom - top);
}

void AnnotationLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    m_painted = 0;
    const Track *t = m_session->track(trackId());
    if (!t)
        return;
    const TimeAxis &ax = *axis();
    const std::int64_t from = ax.frameForX(dirty.left() - 1);
    const std::int64_t to = ax.frameForX(dirty.right() + 2);
    const std::int64_t gap = std::int64_t(m_maxGap * ax.sampleRate());
    const QColor colour = trackColour(t->colour, m_session->trackIndex(trackId()));
    const auto first = std::lower_bound(m_starts.begin(), m_starts.end(), from - std::max(m_maxLength, gap));
    QPainterPath contour;
    std::int64_t lastValueFrame = INT64_MIN;
    p.setRenderHint(QPainter::Antialiasing, true);
    for (auto k = std::size_t(first - m_starts.begin()); k < m_order.size() && m_starts[k] < to + gap; ++k) {
        const AnnotationItem &it = t->items[std::size_t(m_order[k])];
        const double x = ax.xForFrame(it.start);
        ++m_painted;
        switch (it.kind) {
        case AnnotationItem::Kind::Value:
            if (it.value <= 0.0) { // unvoiced: break the line
                lastValueFrame = INT64_MIN;
                break;
            }
            if (lastValueFrame != INT64_MIN && it.start - lastValueFrame <= gap)
                contour.lineTo(x, yForValue(it.value));
            else
                contour.moveTo(x, yForValue(it.value));
            lastValueFrame = it.start;
            break;
        case AnnotationItem::Kind::Region: {
            const QRectF box(x, height() * 0.55, std::max(1.0, ax.xForFrame(it.start + it.length) - x), height() * 0.4);
            p.setPen(colour);
            p.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 60));
            p.drawRect(box);
            p.setPen(QColor(235, 235, 235));
            p.drawText(box.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, it.text);
            break;
        }
        case AnnotationItem::Kind::Label:
            p.setPen(QPen(colour.lighter(130), 1));
            p.drawLine(QPointF(x, it.text.isEmpty() ? height() * 0.6 : 0.0), QPointF(x, height()));
            if (!it.text.isEmpty()) {
                p.setPen(QColor(235, 235, 235));
                p.drawText(QPointF(x + 3, 11), it.text);
            }
            break;
        }
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 200, 90), 1.5));
    p.drawPath(contour);
}

} // namespace mirstudio::widgets
