// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::widgets {

/**
 * Snap resolutions for the timeline and the piano roll. `Beat` follows the time signature's
 * denominator; the note values are fractions of a whole note (Quarter = 1/4), triplets divide
 * the straight value by 3/2. Used with TimeAxis::snapSeconds(). Value type.
 */
enum class SnapGrid {
    Off,
    Bar,
    Beat,
    Quarter,
    Eighth,
    Sixteenth,
    ThirtySecond,
    QuarterTriplet,
    EighthTriplet,
    SixteenthTriplet,
    ThirtySecondTriplet,
};

} // namespace mirstudio::widgets
