// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/chunkedseparation.h"

#include <algorithm>
#include <stdexcept>

namespace mirstudio::openunmix {

ChunkedSeparation::ChunkedSeparation(const Separator &separator, int64_t chunkFrames, int64_t overlapFrames)
    : m_separator(separator)
    , m_chunk(chunkFrames)
    , m_overlap(overlapFrames)
{
    if (chunkFrames <= 0 || overlapFrames < 0 || 2 * overlapFrames >= chunkFrames)
        throw std::invalid_argument("ChunkedSeparation: need chunk > 2 x overlap >= 0");
}

int ChunkedSeparation::chunkCount(int64_t frames) const
{
    if (frames <= m_chunk)
        return 1;
    const int64_t hop = m_chunk - m_overlap;
    return int(1 + (frames - m_chunk + hop - 1) / hop);
}

torch::Tensor ChunkedSeparation::run(const torch::Tensor &audio, const std::function<void()> &poll,
                                     const ChunkDone &done) const
{
    const int64_t frames = audio.size(-1);
    const int64_t outputs = int64_t(m_separator.outputNames().size());
    auto out = torch::zeros({outputs, audio.size(0), frames});
    const int chunks = chunkCount(frames);
    const int64_t hop = m_chunk - m_overlap;
    for (int k = 0; k < chunks; ++k) {
        if (poll)
            poll();
        const int64_t start = int64_t(k) * hop;
        const int64_t n = std::min(m_chunk, frames - start);
        const bool first = k == 0, last = k == chunks - 1;
        auto part = m_separator.separate(audio.narrow(-1, start, n).unsqueeze(0), poll)[0];
        if (!first && m_overlap > 0) { // fade in over the overlap with the previous chunk
            const auto ramp = (torch::arange(m_overlap, torch::kFloat) + 0.5) / double(m_overlap);
            part.narrow(-1, 0, m_overlap).mul_(ramp);
        }
        if (!last && m_overlap > 0) {
            const auto ramp = 1.0 - (torch::arange(m_overlap, torch::kFloat) + 0.5) / double(m_overlap);
            part.narrow(-1, n - m_overlap, m_overlap).mul_(ramp);
        }
        out.narrow(-1, start, n).add_(part);
        if (done)
            done(out, last ? frames : start + n - m_overlap, k, chunks);
    }
    return out;
}

} // namespace mirstudio::openunmix
