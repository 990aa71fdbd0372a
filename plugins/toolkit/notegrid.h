// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>

namespace mirstudio::toolkit {

/**
 * A musical step grid: `stepsPerBeat` steps per quarter note at `bpm`. Maps seconds to the
 * nearest step and back; the piano-roll and PianoTree encoders share it. Value type; any thread.
 */
struct NoteGrid
{
    double bpm = 120.0;
    int stepsPerBeat = 4;

    double secondsPerStep() const { return 60.0 / bpm / stepsPerBeat; }
    /** The nearest step (half-way rounds up). */
    std::int64_t stepAt(double seconds) const
    {
        return std::int64_t(std::floor(seconds / secondsPerStep() + 0.5));
    }
    double secondsAt(std::int64_t step) const { return double(step) * secondsPerStep(); }
};

} // namespace mirstudio::toolkit
