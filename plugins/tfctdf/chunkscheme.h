// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/unetconfig.h"

#include <cstdint>

namespace mirstudio::tfctdf {

/**
 * How the official separators cut a track into network-sized chunks and stitch the results.
 * Chunk k covers mixture samples [k·step - trim, k·step + step + trim) with step = length -
 * 2·trim; its output is cut to [trim, length - trim) and written at [k·step, k·step + step).
 * Plain value; any thread.
 */
struct ChunkScheme
{
    int64_t length = 66560;       ///< samples per chunk (the STFT gives exactly config.frames frames)
    int64_t trim = 5000;          ///< samples cut from each side of every chunk's output
    bool neighbourContext = true; ///< trims read the neighbouring audio (else zeros)
    bool centredStft = false;     ///< torch.stft(center=True, reflect) instead of librosa center=False
    int nFft = 2048;
    int hop = 1024;

    int64_t step() const { return length - 2 * trim; }
    /** Number of chunks for a track of `frames` samples. */
    int64_t chunkCount(int64_t frames) const;

    /**
     * Paper-era `utils_ismir.separate` / `preprocess_track`: hop = nFft/2, chunks of
     * hop·(frames + 1) samples, trim 5000, neighbouring audio as context, librosa STFT with
     * center=False, and always one extra chunk (pad = step - n % step, never 0).
     */
    static ChunkScheme paper(const UNetConfig &config);
    /**
     * Maintained package (`SingleTrackSet`, `separate_track`): chunks of hop·(frames - 1), trim
     * ceil(5000 / hop)·hop with zeros as context, torch.stft(center=True), ceil(n / step) chunks.
     */
    static ChunkScheme maintained(const UNetConfig &config);
};

} // namespace mirstudio::tfctdf
