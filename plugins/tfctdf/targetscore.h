// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/stemclip.h"

#include <string>
#include <vector>

namespace mirstudio::tfctdf {

class ChunkedSeparator;

/** museval (BSS-eval v4) SDR of one clip, median over 1 s frames, in dB (plain value). */
struct TargetScore
{
    std::string song;
    double target = 0.0;          ///< the network's target estimate
    double rest = 0.0;            ///< mixture - estimate against the rest of the mixture
    double mixtureTarget = 0.0;   ///< baseline: the mixture as the target's estimate
};

/**
 * Separates clip.mixture() with `separator` and scores [estimate, mixture - estimate] against
 * [target, rest] with toolkit::bssEval (museval v4 settings), and the mixture-as-estimate
 * baseline the same way. Scored on mono downmixes (channel mean) because rendered stems may be
 * exactly dual mono, which makes the stereo system singular. Calling thread.
 */
TargetScore scoreClip(ChunkedSeparator &separator, const StemClip &clip, int batchChunks = 4);


} // namespace mirstudio::tfctdf
