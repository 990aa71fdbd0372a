// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/separator.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace mirstudio::openunmix {

/**
 * Separates audio of any length in chunks of `chunkFrames` that overlap by `overlapFrames`,
 * joined with linear crossfades (the weights of overlapping chunks sum to one), so the model's
 * working memory depends on the chunk length only. Borrows the Separator (which must outlive it).
 * One thread at a time.
 */
class ChunkedSeparation
{
public:
    ChunkedSeparation(const Separator &separator, int64_t chunkFrames, int64_t overlapFrames);

    /** Number of chunks for `frames` input frames. */
    int chunkCount(int64_t frames) const;

    /**
     * Called after each chunk with the output so far ([outputs, channels, time], final up to
     * `framesReady`) and the chunk's index.
     */
    using ChunkDone = std::function<void(const torch::Tensor &output, int64_t framesReady, int chunk,
                                         int chunks)>;

    /**
     * audio [channels, time] → [outputs, channels, time]. `poll` is called before each chunk and
     * passed to Separator::separate (each model, Wiener window and EM iteration).
     */
    torch::Tensor run(const torch::Tensor &audio, const std::function<void()> &poll = {},
                      const ChunkDone &done = {}) const;

private:
    const Separator &m_separator;
    int64_t m_chunk;
    int64_t m_overlap;
};

} // namespace mirstudio::openunmix
