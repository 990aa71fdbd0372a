// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <cmath>
#include <cstdint>

namespace mirstudio::testsupport {

/**
 * A deterministic test mix: a 220 Hz tone (its phase differs per channel) plus uniform noise
 * from a 32-bit LCG seeded with `seed`. Pure function.
 */
inline sdk::AudioBuffer syntheticMix(int channels, double seconds, double rate, uint32_t seed = 1)
{
    sdk::AudioBuffer b;
    b.sampleRate = rate;
    uint32_t state = seed;
    const size_t n = size_t(seconds * rate);
    for (int c = 0; c < channels; ++c) {
        std::vector<float> ch(n);
        for (size_t i = 0; i < n; ++i) {
            state = state * 1664525u + 1013904223u;
            ch[i] = 0.1f * float(std::sin(2.0 * M_PI * 220.0 * double(i) / rate + c))
                    + 0.05f * (float(state >> 8) / float(1 << 24) - 0.5f);
        }
        b.channels.push_back(std::move(ch));
    }
    return b;
}

/** The first `frames` frames of `b` (zero-padded when it is shorter). */
inline sdk::AudioBuffer leadingFrames(sdk::AudioBuffer b, int64_t frames)
{
    for (auto &c : b.channels)
        c.resize(size_t(frames));
    return b;
}

} // namespace mirstudio::testsupport
