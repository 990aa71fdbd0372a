// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/timeaxis.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

TimeAxis::TimeAxis(QObject *parent)
    : QObject(parent)
{
}

void TimeAxis::setSampleRate(double rate)
{
    if (rate <= 0 || rate == m_sampleRate)
        return;
    m_sampleRate = rate;
    Q_EMIT changed();
}

void TimeAxis::setTempoMap(const media::TempoMap *map)
{
    m_tempoMap = map;
    Q_EMIT changed();
}

void TimeAxis::setPixelsPerSecond(double pps)
{
    pps = std::clamp(pps, minPixelsPerSecond, maxPixelsPerSecond);
    if (pps == m_pixelsPerSecond)
        return;
    m_pixelsPerSecond = pps;
    Q_EMIT changed();
}

void TimeAxis::setLeftSeconds(double seconds)
{
    seconds = std::max(0.0, seconds);
    if (seconds == m_leftSeconds)
        return;
    m_leftSeconds = seconds;
    Q_EMIT changed();
}

void TimeAxis::setViewWidth(int width)
{
    width = std::max(1, width);
    if (width == m_viewWidth)
        return;
    m_viewWidth = width;
    Q_EMIT changed();
}

std::int64_t TimeAxis::frameForX(double x) const
{
    return std::int64_t(std::llround(secondsForX(x) * m_sampleRate));
}

void TimeAxis::zoomAround(double anchorX, double factor)
{
    if (!(factor > 0))
        return;
    const double anchorSeconds = secondsForX(anchorX);
    const double pps = std::clamp(m_pixelsPerSecond * factor, minPixelsPerSecond, maxPixelsPerSecond);
    const double left = std::max(0.0, anchorSeconds - anchorX / pps);
    if (pps == m_pixelsPerSecond && left == m_leftSeconds)
        return;
    m_pixelsPerSecond = pps;
    m_leftSeconds = left;
    Q_EMIT changed();
}

void TimeAxis::scrollBy(double pixels)
{
    setLeftSeconds(m_leftSeconds + pixels / m_pixelsPerSecond);
}

void TimeAxis::showRange(double startSeconds, double endSeconds)
{
    if (!(endSeconds > startSeconds))
        return;
    const double pps = std::clamp(m_viewWidth / (endSeconds - startSeconds), minPixelsPerSecond,
                                  maxPixelsPerSecond);
    const double left = std::max(0.0, startSeconds);
    if (pps == m_pixelsPerSecond && left == m_leftSeconds)
        return;
    m_pixelsPerSecond = pps;
    m_leftSeconds = left;
    Q_EMIT changed();
}

double TimeAxis::gridTicks(double tick, SnapGrid grid) const
{
    const auto &map = tempoMap();
    const double quarter = map.ppq();
    switch (grid) {
    case SnapGrid::Off:
        return 0.0;
    case SnapGrid::Bar: {
        const auto sig = map.timeSignatureAt(tick);
        return quarter * 4.0 * sig.numerator / sig.denominator;
    }
    case SnapGrid::Beat:
        return quarter * 4.0 / map.timeSignatureAt(tick).denominator;
    case SnapGrid::Quarter:
        return quarter;
    case SnapGrid::Eighth:
        return quarter / 2.0;
    case SnapGrid::Sixteenth:
        return quarter / 4.0;
    case SnapGrid::ThirtySecond:
        return quarter / 8.0;
    case SnapGrid::QuarterTriplet:
        return quarter * 2.0 / 3.0;
    case SnapGrid::EighthTriplet:
        return quarter / 3.0;
    case SnapGrid::SixteenthTriplet:
        return quarter / 6.0;
    case SnapGrid::ThirtySecondTriplet:
        return quarter / 12.0;
    }
    return 0.0;
}

double TimeAxis::snapSeconds(double seconds, SnapGrid grid) const
{
    if (grid == SnapGrid::Off)
        return seconds;
    const auto &map = tempoMap();
    const double tick = map.tickAt(std::max(0.0, seconds));
    // Grid lines restart at every bar line, so odd meters (7/8, a 3/4 bar in 4/4) stay on beat.
    const auto barStart = double(map.tickOfBar(map.barBeatAt(std::int64_t(std::floor(tick))).bar));
    const double step = gridTicks(barStart, grid);
    const double snapped = barStart + std::round((tick - barStart) / step) * step;
    return map.secondsAt(snapped);
}

} // namespace mirstudio::widgets
