// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spectrogramparams.h"
#include "core/analysis/spectrogramtile.h"

#include <fftw3.h>

#include <cstdint>
#include <vector>

namespace mirstudio::media {
struct AudioData;
}

namespace mirstudio {

/**
 * Computes spectrogram frames of decoded audio with FFTW: mixes the chosen channel(s), applies
 * the window, runs the shared r2c plan (FftwPlanCache) on its own aligned buffers and writes
 * normalised power (a full-scale sine reads 1.0). One instance per worker task: not shareable
 * between threads, but any number of instances may run at once.
 */
class SpectrogramComputer
{
public:
    explicit SpectrogramComputer(const SpectrogramParams &params);
    ~SpectrogramComputer();
    SpectrogramComputer(const SpectrogramComputer &) = delete;
    SpectrogramComputer &operator=(const SpectrogramComputer &) = delete;

    const SpectrogramParams &params() const { return m_params; }
    /**
     * Frames [first, first + count) of `audio`, clipped to the signal's frame count. `storage`
     * (e.g. an evicted tile's) is reused for the result when given, saving fresh pages.
     */
    SpectrogramTile compute(const media::AudioData &audio, std::int64_t first, int count,
                            std::vector<float> storage = {});

private:
    void loadFrame(const media::AudioData &audio, std::int64_t centre);

    SpectrogramParams m_params;
    std::vector<float> m_window;
    float m_scale = 1.0f;
    fftwf_plan m_plan;
    float *m_in;
    fftwf_complex *m_out;
};

} // namespace mirstudio
