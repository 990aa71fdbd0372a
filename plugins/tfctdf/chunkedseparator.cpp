// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/chunkedseparator.h"

#include "plugins/toolkit/stft.h"

#include <algorithm>
#include <stdexcept>

namespace mirstudio::tfctdf {

namespace {

toolkit::StftConfig stftConfig(const ChunkScheme &s)
{
    toolkit::StftConfig c;
    c.nFft = s.nFft;
    c.hop = s.hop;
    c.window = toolkit::WindowType::Hann;
    c.center = s.centredStft;
    c.reflectPad = true;
    c.normalized = false;
    return c;
}

} // namespace

ChunkedSeparator::ChunkedSeparator(UNet net, ChunkScheme scheme)
    : m_net(std::move(net)), m_scheme(scheme)
{
    if (m_net->config().inputChannels != 4)
        throw std::invalid_argument("the separator needs a complex-as-channels (4-channel) network");
    m_net->eval();
}

torch::Tensor ChunkedSeparator::chunk(const torch::Tensor &mix, int64_t k) const
{
    const int64_t n = mix.size(1);
    const int64_t begin = k * m_scheme.step() - m_scheme.trim;
    // The region whose audio the chunk sees; the rest stays zero.
    int64_t from = begin, to = begin + m_scheme.length;
    if (!m_scheme.neighbourContext) {
        from = begin + m_scheme.trim;
        to = from + m_scheme.step();
    }
    from = std::max<int64_t>(from, 0);
    to = std::min(to, n);
    torch::Tensor out = torch::zeros({mix.size(0), m_scheme.length}, torch::kFloat32);
    if (to > from)
        out.narrow(1, from - begin, to - from).copy_(mix.narrow(1, from, to - from));
    return out;
}

torch::Tensor ChunkedSeparator::spectrogram(const torch::Tensor &chunks) const
{
    torch::Tensor X = toolkit::stft(chunks, stftConfig(m_scheme));  // [B, 2, F, T] complex
    torch::Tensor ri = torch::view_as_real(X).permute({0, 1, 4, 2, 3});  // [B, 2, re/im, F, T]
    return ri.reshape({X.size(0), 4, X.size(2), X.size(3)}).contiguous();
}

torch::Tensor ChunkedSeparator::waveform(const torch::Tensor &spec) const
{
    const int64_t B = spec.size(0), F = spec.size(2), T = spec.size(3);
    torch::Tensor ri = spec.reshape({B, 2, 2, F, T}).permute({0, 1, 3, 4, 2}).contiguous();
    torch::Tensor X = torch::view_as_complex(ri);  // [B, 2, F, T]
    // Uncentred: the toolkit inverts as librosa.istft(center=False) does (the separator trims
    // the ill-conditioned chunk edges).
    if (m_scheme.centredStft)
        return toolkit::istft(X, stftConfig(m_scheme), m_scheme.length);
    return toolkit::istft(X, stftConfig(m_scheme));
}

torch::Tensor ChunkedSeparator::separate(const torch::Tensor &mix, int batchChunks,
                                         const std::function<void()> &checkpoint,
                                         const ProgressFn &progress)
{
    if (mix.dim() != 2 || mix.size(0) != 2)
        throw std::invalid_argument("the mixture must be [2, samples]");
    torch::NoGradGuard noGrad;
    const torch::Tensor input = mix.to(torch::kFloat32).contiguous();
    const int64_t n = input.size(1);
    const int64_t total = m_scheme.chunkCount(n);
    const int64_t step = m_scheme.step();
    batchChunks = std::max(batchChunks, 1);
    torch::Tensor output = torch::zeros({2, n}, torch::kFloat32);
    for (int64_t first = 0; first < total; first += batchChunks) {
        if (checkpoint)
            checkpoint();
        const int64_t count = std::min<int64_t>(batchChunks, total - first);
        std::vector<torch::Tensor> chunks;
        for (int64_t k = first; k < first + count; ++k)
            chunks.push_back(chunk(input, k));
        torch::Tensor estimate = waveform(m_net->forward(spectrogram(torch::stack(chunks)), checkpoint));
        for (int64_t i = 0; i < count; ++i) {
            const int64_t at = (first + i) * step;
            const int64_t len = std::min(step, n - at);
            if (len > 0)
                output.narrow(1, at, len).copy_(estimate[i].narrow(1, m_scheme.trim, len));
        }
        if (progress)
            progress(first + count, total, std::min(n, (first + count) * step), output);
    }
    return output;
}

} // namespace mirstudio::tfctdf
