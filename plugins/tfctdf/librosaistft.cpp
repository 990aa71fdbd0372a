// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/librosaistft.h"

#include <limits>

namespace mirstudio::tfctdf {

namespace {

/** Overlap-adds frames [N, nFft, T] into [N, nFft + hop·(T-1)]. */
torch::Tensor overlapAdd(const torch::Tensor &frames, int nFft, int hop)
{
    const int64_t T = frames.size(-1);
    const int64_t length = nFft + int64_t(hop) * (T - 1);
    namespace F = torch::nn::functional;
    return F::fold(frames, F::FoldFuncOptions({1, length}, {1, nFft}).stride({1, hop}))
        .reshape({frames.size(0), length});
}

} // namespace

torch::Tensor librosaIstft(const torch::Tensor &X, int nFft, int hop, const torch::Tensor &window)
{
    const auto leading = X.sizes().slice(0, X.dim() - 2);
    const int64_t T = X.size(-1);
    torch::Tensor spec = X.reshape({-1, X.size(-2), T});
    torch::Tensor frames = torch::fft::irfft(spec, nFft, /*dim=*/1) * window.view({1, nFft, 1});
    torch::Tensor signal = overlapAdd(frames.contiguous(), nFft, hop);
    torch::Tensor squares = window.square().view({1, nFft, 1}).expand({1, nFft, T}).contiguous();
    torch::Tensor envelope = overlapAdd(squares, nFft, hop);
    const float tiny = std::numeric_limits<float>::min();
    signal = torch::where(envelope > tiny, signal / envelope, signal);
    std::vector<int64_t> shape(leading.begin(), leading.end());
    shape.push_back(signal.size(-1));
    return signal.reshape(shape);
}

} // namespace mirstudio::tfctdf
