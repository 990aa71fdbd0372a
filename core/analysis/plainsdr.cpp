// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/plainsdr.h"

#include "core/media/audiodata.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mirstudio {

double PlainSdr::compute(const media::AudioData &reference, const media::AudioData &estimate)
{
    const std::int64_t frames = std::min(reference.frames(), estimate.frames());
    if (frames <= 0 || reference.channels.empty() || estimate.channels.empty())
        return std::numeric_limits<double>::quiet_NaN();
    double signal = 0.0, error = 0.0;
    for (std::size_t c = 0; c < reference.channels.size(); ++c) {
        const auto &s = reference.channels[c];
        const auto &e = estimate.channels[std::min(c, estimate.channels.size() - 1)];
        for (std::int64_t i = 0; i < frames; ++i) {
            const double x = s[std::size_t(i)], d = x - double(e[std::size_t(i)]);
            signal += x * x;
            error += d * d;
        }
    }
    if (signal <= 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    if (error <= 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / error);
}

} // namespace mirstudio
