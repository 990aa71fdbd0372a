// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace mirstudio {

/**
 * What the engine lets the user hear of a stem group for an A/B/X comparison: the normal mix
 * (Mix: every track as the session says, the group playing its audible stems), the group's
 * original only (Original: the source it was separated from) or one stem only (Stem), each at
 * a loudness-matching linear gain computed off the audio thread (LoudnessMeter). While Original
 * or Stem is selected the other tracks and the synth are silent. Plain value; any thread.
 */
struct AuditionSource
{
    enum class Kind : std::uint8_t { Mix, Original, Stem };

    Kind kind = Kind::Mix;
    int track = -1;    // the stem group's index in the plan (Original, Stem)
    int stem = -1;     // the stem lane's index (Stem)
    float gain = 1.0f; // linear loudness-matching gain (Original, Stem)

    bool operator==(const AuditionSource &) const = default;
};

} // namespace mirstudio
