// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/sdk/valuetypes.h"

#include <vector>

namespace mirstudio::fadernets {

/**
 * FaderNets' low-level attributes of one 4-beat segment on a 16th grid (official
 * `ptb_v2.get_music_attributes` / `test_class.get_classes`):
 * rhythm per step (0 rest, 1 onset: a pitch sounding that did not sound at the previous step,
 * 2 hold), note density per step (sounding pitches, clipped to 15), and their summaries
 * rhythm density (fraction of onset steps) and note density (mean of the per-step counts).
 * A plain value.
 */
struct MusicAttributes
{
    std::vector<int> rhythm;      ///< steps values in {0, 1, 2}
    std::vector<int> noteDensity; ///< steps values in 0..15
    double rhythmDensity = 0.0;
    double noteDensityMean = 0.0;

    /** Attributes of a piano roll given as the set of sounding pitches per step. */
    static MusicAttributes fromActivePitches(const std::vector<std::vector<int>> &activePerStep);
    /**
     * Attributes of `notes` on a 16th grid of `sequence.bpm` starting at `startSeconds`, `steps`
     * long. A note covers the steps from its rounded start to its rounded end (at least one).
     */
    static MusicAttributes fromNotes(const sdk::NoteSequence &sequence, double startSeconds = 0.0,
                                     int steps = 16);
};

} // namespace mirstudio::fadernets
