// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxevaluation.h"

#include "plugins/toolkit/bsseval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

/** True when some stem's channels are all equal (a centred mono instrument in a stereo file). */
bool anyStemHasEqualChannels(const torch::Tensor &references)
{
    if (references.size(1) < 2)
        return false;
    const auto equal = (references - references.narrow(1, 0, 1)).abs().amax({1, 2}) == 0;
    return equal.any().item<bool>();
}

} // namespace

SongSdr evaluateSong(const Separator &separator, const StemSong &song)
{
    if (separator.targets().size() != song.stems.size())
        throw std::invalid_argument("evaluateSong: the separator's targets do not match the song's stems");
    auto references = torch::stack(song.stems, 0).to(torch::kDouble);                // [J, C, T]
    auto estimates = separator.separate(song.mixture.unsqueeze(0))[0]
                         .narrow(0, 0, int64_t(song.stems.size())).to(torch::kDouble);
    auto baseline = song.mixture.unsqueeze(0).expand_as(references).to(torch::kDouble).contiguous();
    // A stem with equal channels makes BSS-eval's reference Gram matrix singular (two identical
    // rows); such songs (FluidSynth renders) are scored on the channel mean of every signal.
    if (anyStemHasEqualChannels(references)) {
        references = references.mean(1, true);
        estimates = estimates.mean(1, true);
        baseline = baseline.mean(1, true);
    }
    const auto scored = toolkit::bssEval(references, estimates);
    const auto mixScored = toolkit::bssEval(references, baseline);
    SongSdr result;
    result.song = song.name;
    for (size_t j = 0; j < song.stems.size(); ++j) {
        result.separated.push_back(toolkit::BssEvalResult::median(scored.sdr[j]));
        result.mixture.push_back(toolkit::BssEvalResult::median(mixScored.sdr[j]));
    }
    return result;
}

} // namespace mirstudio::openunmix
