// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/snapgrid.h"

#include <cstdint>

namespace mirstudio {
struct Clip;
namespace media { class TempoMap; }
} // namespace mirstudio

namespace mirstudio::widgets {

class TimeAxis;

/**
 * Where a MIDI clip's note ticks lie on the timeline, the way the engine plays them: tick 0
 * of the notes sits at the clip's origin (start - offset) and ticks follow the session tempo
 * map from there. Snapping goes through the timeline grid (TimeAxis::snapSeconds), so grids
 * follow the tempo map. Value type; GUI thread (it keeps references to the axis and map).
 */
class NoteTiming
{
public:
    NoteTiming(const TimeAxis &axis, const media::TempoMap &tempo, const Clip &clip);

    double secondsForTick(double tick) const;
    double tickForSeconds(double seconds) const;
    double xForTick(double tick) const;
    double tickForX(double x) const;
    /** The grid point nearest `tick` (unchanged for SnapGrid::Off), rounded to a whole tick. */
    std::int64_t snapTick(double tick, SnapGrid grid) const;
    /** The grid step at `tick` in ticks (a sixteenth for Off). */
    std::int64_t gridStep(double tick, SnapGrid grid) const;

private:
    const TimeAxis &m_axis;
    const media::TempoMap &m_tempo;
    double m_originSeconds;
};

} // namespace mirstudio::widgets
