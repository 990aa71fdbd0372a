// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/lane.h"

#include <cstdint>
#include <vector>

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

/**
 * The items of an annotation track on the time axis: Value items as a contour (a pitch track:
 * points joined while they are voiced, > 0, and close in time; log scale when the values look
 * like frequencies), Label items as ticks with their text (onsets, beats, chords), Region items as
 * boxes with their label. Items are indexed by start time so painting visits the visible ones.
 * Does not own the session or the axis. GUI thread only.
 */
class AnnotationLane : public Lane
{
    Q_OBJECT
public:
    AnnotationLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);

    /** Value items further apart than this (seconds) are not joined. */
    void setMaxContourGap(double seconds) { m_maxGap = seconds; update(); }
    double minValue() const { return m_min; }
    double maxValue() const { return m_max; }
    bool logScale() const { return m_log; }
    /** The y of a value on the contour scale. */
    double yForValue(double value) const;
    /** Items drawn by the last paint. */
    int paintedItems() const { return m_painted; }

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;

private:
    void reindex();

    Session *m_session;
    std::vector<int> m_order;            // item indices by start
    std::vector<std::int64_t> m_starts;  // parallel to m_order
    std::int64_t m_maxLength = 0;
    double m_min = 0.0, m_max = 1.0;
    bool m_log = false;
    double m_maxGap = 0.1;
    int m_painted = 0;
};

} // namespace mirstudio::widgets
