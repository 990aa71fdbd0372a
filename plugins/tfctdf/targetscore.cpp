// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/targetscore.h"

#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/toolkit/bsseval.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mirstudio::tfctdf {

TargetScore scoreClip(ChunkedSeparator &separator, const StemClip &clip, int batchChunks)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor mix = clip.mixture();
    const torch::Tensor estimate = separator.separate(mix, batchChunks);
    // Mono downmixes: rendered stems can be exactly dual mono (centred bass), which makes the
    // stereo distortion-filter system singular.
    const auto mono = [](const torch::Tensor &t) { return t.to(torch::kDouble).mean(0); };
    const auto references = torch::stack({mono(clip.target), mono(clip.rest)});
    const auto estimates = torch::stack({mono(estimate), mono(mix - estimate)});
    const auto baseline = torch::stack({mono(mix), mono(mix)});
    const auto scored = toolkit::bssEval(references, estimates);
    const auto mixScored = toolkit::bssEval(references, baseline);
    TargetScore s;
    s.song = clip.song;
    s.target = toolkit::BssEvalResult::median(scored.sdr[0]);
    s.rest = toolkit::BssEvalResult::median(scored.sdr[1]);
    s.mixtureTarget = toolkit::BssEvalResult::median(mixScored.sdr[0]);
    return s;
}

} // namespace mirstudio::tfctdf
