// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/notetiming.h"

#include "core/media/tempomap.h"
#include "core/session/clip.h"
#include "widgets/timeaxis.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

NoteTiming::NoteTiming(const TimeAxis &axis, const media::TempoMap &tempo, const Clip &clip)
    : m_axis(axis), m_tempo(tempo), m_originSeconds(double(clip.start - clip.offset) / axis.sampleRate())
{
}

double NoteTiming::secondsForTick(double tick) const
{
    return m_originSeconds + m_tempo.secondsAt(tick);
}

double NoteTiming::tickForSeconds(double seconds) const
{
    return m_tempo.tickAt(seconds - m_originSeconds);
}

double NoteTiming::xForTick(double tick) const
{
    return m_axis.xForSeconds(secondsForTick(tick));
}

double NoteTiming::tickForX(double x) const
{
    return tickForSeconds(m_axis.secondsForX(x));
}

std::int64_t NoteTiming::snapTick(double tick, SnapGrid grid) const
{
    if (grid == SnapGrid::Off)
        return std::llround(tick);
    return std::llround(tickForSeconds(m_axis.snapSeconds(secondsForTick(tick), grid)));
}

std::int64_t NoteTiming::gridStep(double tick, SnapGrid grid) const
{
    const double step = grid == SnapGrid::Off ? m_tempo.ppq() / 4.0 : m_axis.gridTicks(tick, grid);
    return std::max<std::int64_t>(1, std::llround(step));
}

} // namespace mirstudio::widgets
