// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/tempomap.h"
#include "widgets/snapgrid.h"

#include <QObject>

#include <cstdint>

namespace mirstudio::widgets {

/**
 * The one horizontal time axis of a timeline window: sample rate, tempo map (bars/beats and
 * snapping), zoom (pixels per second), scroll (seconds at x = 0) and the visible width. Every
 * lane and the ruler map time to x through the same instance, so they align exactly; any
 * change emits changed() once.
 *
 * Does not own the tempo map (it must outlive the axis or be replaced with setTempoMap();
 * nullptr means 120 bpm 4/4). GUI thread only.
 */
class TimeAxis : public QObject
{
    Q_OBJECT
public:
    static constexpr double minPixelsPerSecond = 1e-3;
    static constexpr double maxPixelsPerSecond = 2e5;

    explicit TimeAxis(QObject *parent = nullptr);

    double sampleRate() const { return m_sampleRate; }
    void setSampleRate(double rate);
    /** The tempo map in use (a default 120 bpm 4/4 map when none was set). */
    const media::TempoMap &tempoMap() const { return m_tempoMap ? *m_tempoMap : m_defaultMap; }
    void setTempoMap(const media::TempoMap *map);

    double pixelsPerSecond() const { return m_pixelsPerSecond; }
    /** Clamped to [minPixelsPerSecond, maxPixelsPerSecond]. */
    void setPixelsPerSecond(double pps);
    double leftSeconds() const { return m_leftSeconds; }
    /** Clamped to >= 0. */
    void setLeftSeconds(double seconds);
    int viewWidth() const { return m_viewWidth; }
    void setViewWidth(int width);
    /** The time at the right edge of the view. */
    double rightSeconds() const { return secondsForX(m_viewWidth); }

    double xForSeconds(double seconds) const { return (seconds - m_leftSeconds) * m_pixelsPerSecond; }
    double secondsForX(double x) const { return m_leftSeconds + x / m_pixelsPerSecond; }
    double xForFrame(std::int64_t frame) const { return xForSeconds(double(frame) / m_sampleRate); }
    /** The frame under x, rounded to the nearest frame. */
    std::int64_t frameForX(double x) const;

    /** Multiplies the zoom by `factor` keeping the time under `anchorX` where it is. */
    void zoomAround(double anchorX, double factor);
    /** Scrolls by `pixels` (positive: later in time). */
    void scrollBy(double pixels);
    /** Shows [startSeconds, endSeconds] across the view width. */
    void showRange(double startSeconds, double endSeconds);

    /** The grid point nearest `seconds` (the tempo map's ticks), or `seconds` for Off. */
    double snapSeconds(double seconds, SnapGrid grid) const;
    /** The grid step in ticks at `tick` (bar and beat follow the time signature there). */
    double gridTicks(double tick, SnapGrid grid) const;

Q_SIGNALS:
    void changed();

private:
    double m_sampleRate = 48000.0;
    const media::TempoMap *m_tempoMap = nullptr;
    media::TempoMap m_defaultMap;
    double m_pixelsPerSecond = 100.0;
    double m_leftSeconds = 0.0;
    int m_viewWidth = 800;
};

} // namespace mirstudio::widgets
