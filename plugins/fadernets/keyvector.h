// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/sdk/valuetypes.h"

#include <array>

namespace mirstudio::fadernets {

/**
 * FaderNets' 24-value key condition (12 major keys C..B, then 12 minor keys C..B): correlation of
 * the segment's duration-weighted pitch-class histogram with each key profile, values below 0.1
 * set to zero, only the 3 largest kept. The official code takes the correlations from music21's
 * key analysis; this uses the Krumhansl-Kessler profiles (music21 is not available here), so the
 * values are close to, not identical with, the official ones. Pure functions, thread-safe.
 */
class KeyVector
{
public:
    static constexpr int kSize = 24;
    using Values = std::array<float, kSize>;

    /** Key vector of the notes starting in [start, end) seconds (all notes when end <= start). */
    static Values of(const sdk::NoteSequence &sequence, double start = 0.0, double end = 0.0);
    /** Key vector of a 12-bin pitch-class histogram. All zeros for an empty histogram. */
    static Values fromHistogram(const std::array<double, 12> &histogram);
};

} // namespace mirstudio::fadernets
