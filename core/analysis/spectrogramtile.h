// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace mirstudio {

/**
 * A block of consecutive spectrogram frames: `frames` columns of `bins` power values,
 * frame-major (`power[frame * bins + bin]`), normalised so that a full-scale sine reads 1.0
 * (0 dB) in its bin. Power (not dB) is stored so computing a tile costs no logarithm; the view
 * converts the visible values with db(). Immutable once published (shared as
 * `shared_ptr<const SpectrogramTile>`); any thread may read it.
 */
struct SpectrogramTile
{
    std::int64_t firstFrame = 0;
    int frames = 0;
    int bins = 0;
    std::vector<float> power;

    float at(int frame, int bin) const { return power[std::size_t(frame) * std::size_t(bins) + std::size_t(bin)]; }
    std::size_t bytes() const { return power.size() * sizeof(float) + sizeof(*this); }
    /** Power to decibels, floored at -200 dB. */
    static float db(float power) { return power > 1e-20f ? 10.0f * std::log10(power) : -200.0f; }
};

} // namespace mirstudio
