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
    /** Samples [from, to) of the analysed signal; sample s is at samples[s - offset]. */
    struct Source
    {
        const float *samples;
        std::int64_t offset;
        std::int64_t from;
        std::int64_t to;
    };
    /** The chosen channel, or the channel mean of the tile's span mixed once into m_mix. */
    Source sourceFor(const media::AudioData &audio, std::int64_t first, int frames);
    void loadFrame(const Source &source, std::int64_t centre);

    SpectrogramParams m_params;
    std::vector<float> m_window; ///< coefficients times 2 / sum(w), so power reads 1.0 for a full-scale sine
    fftwf_plan m_plan;
    float *m_in;
    fftwf_complex *m_out;
    std::vector<float> m_mix; ///< reused channel-mix buffer of one tile's sample span
};

} // namespace mirstudio
