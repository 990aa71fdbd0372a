// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/chunkscheme.h"
#include "plugins/tfctdf/unet.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace mirstudio::tfctdf {

/**
 * Separates one target from a stereo mixture with a complex-as-channels U-Net, chunk by chunk,
 * as the official separators do (see ChunkScheme), but streaming: at most `batchChunks` chunks
 * are in flight, so memory beyond the input and output tensors does not grow with the length.
 *
 * Holds a reference-counted handle to the network (eval mode is set here). Not thread-safe: one
 * separate() at a time; any single thread.
 */
class ChunkedSeparator
{
public:
    /** Called after each batch: chunks done, chunks in total, output samples final so far, and
     *  the output so far ([2, n], silent beyond framesReady; valid during the call only). */
    using ProgressFn = std::function<void(int64_t done, int64_t total, int64_t framesReady,
                                          const torch::Tensor &partial)>;

    /** Throws std::invalid_argument unless the network takes 4 complex-as-channels inputs. */
    ChunkedSeparator(UNet net, ChunkScheme scheme);

    const ChunkScheme &scheme() const { return m_scheme; }
    /** The network (shared handle). */
    UNet network() const { return m_net; }

    /**
     * mix: float32 [2, n] (channels, samples) → the target estimate [2, n].
     * `checkpoint` is called before each batch and between network levels (may throw to cancel);
     * `progress` after each batch.
     */
    torch::Tensor separate(const torch::Tensor &mix, int batchChunks,
                           const std::function<void()> &checkpoint = {},
                           const ProgressFn &progress = {});

    /** Chunk k of `mix` as the scheme cuts it: [2, length]. */
    torch::Tensor chunk(const torch::Tensor &mix, int64_t k) const;
    /** Waveform chunks [B, 2, length] → network input [B, 4, F, T] ([L.re, L.im, R.re, R.im]). */
    torch::Tensor spectrogram(const torch::Tensor &chunks) const;
    /** Network output [B, 4, F, T] → waveform chunks [B, 2, length] (untrimmed). */
    torch::Tensor waveform(const torch::Tensor &spec) const;

private:
    UNet m_net;
    ChunkScheme m_scheme;
};

} // namespace mirstudio::tfctdf
