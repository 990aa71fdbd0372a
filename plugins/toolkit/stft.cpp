// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/stft.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mirstudio::toolkit {

namespace {

int effectiveWinLength(const StftConfig &config)
{
    const int win = config.winLength > 0 ? config.winLength : config.nFft;
    if (config.nFft <= 0 || config.hop <= 0 || win > config.nFft)
        throw std::invalid_argument("stft: need nFft > 0, hop > 0 and winLength <= nFft (nFft "
                                    + std::to_string(config.nFft) + ", hop "
                                    + std::to_string(config.hop) + ", winLength "
                                    + std::to_string(win) + ")");
    return win;
}

// torch.stft/istft only take 1-D or 2-D input: fold every leading dimension into one batch.
torch::Tensor foldBatch(const torch::Tensor &x, int keptDims)
{
    std::vector<int64_t> shape{-1};
    for (int d = x.dim() - keptDims; d < x.dim(); ++d)
        shape.push_back(x.size(d));
    return x.reshape(shape);
}

torch::Tensor unfoldBatch(const torch::Tensor &y, at::IntArrayRef leading, int keptDims)
{
    std::vector<int64_t> shape(leading.begin(), leading.end());
    for (int d = y.dim() - keptDims; d < y.dim(); ++d)
        shape.push_back(y.size(d));
    return y.reshape(shape);
}


// torch.istft(center=False) refuses windows whose overlap-add envelope touches zero (every Hann
// window at the first sample), so the uncentred inverse is done here as librosa.istft(center=
// False) does it: inverse real FFT per frame, windowed overlap-add, division by the squared-window
// envelope wherever it is above the dtype's tiny value (elsewhere the sample stays 0).
torch::Tensor overlapAddUncentred(const torch::Tensor &X, const torch::Tensor &window,
                                  const StftConfig &config, std::optional<int64_t> length)
{
    // Float64 inside: near the ends the envelope is tiny and float32 would amplify rounding.
    const auto outType = window.scalar_type();
    const torch::Tensor Xd = X.to(torch::kComplexDouble);
    const int64_t nFft = config.nFft;
    const int64_t frames = X.size(-1);
    const int64_t left = (nFft - window.size(0)) / 2;
    const torch::Tensor fullWindow = torch::constant_pad_nd(
        window.to(torch::kFloat64), {left, nFft - window.size(0) - left});
    torch::Tensor framesTime = torch::fft::irfft(Xd, nFft, /*dim=*/-2); // [B, nFft, frames]
    if (config.normalized)
        framesTime = framesTime * std::sqrt(double(nFft));
    framesTime = framesTime * fullWindow.view({1, nFft, 1});
    const int64_t total = nFft + config.hop * (frames - 1);
    namespace F = torch::nn::functional;
    const auto foldOptions = F::FoldFuncOptions({1, total}, {1, nFft}).stride({1, config.hop});
    const torch::Tensor summed = F::fold(framesTime, foldOptions).view({X.size(0), total});
    const torch::Tensor envelope = F::fold(
        (fullWindow * fullWindow).view({1, nFft, 1}).expand({1, nFft, frames}), foldOptions)
        .view({total});
    const double tiny = outType == torch::kFloat64
        ? std::numeric_limits<double>::min() : double(std::numeric_limits<float>::min());
    const torch::Tensor safe = envelope > tiny;
    torch::Tensor y = torch::where(safe, summed / torch::where(safe, envelope,
                                                               torch::ones_like(envelope)),
                                   torch::zeros_like(summed));
    if (length) {
        y = *length <= total ? y.narrow(-1, 0, *length)
                             : torch::constant_pad_nd(y, {0, *length - total});
    }
    return y.to(outType).contiguous();
}

} // namespace

torch::Tensor makeWindow(WindowType type, int length)
{
    const auto options = torch::TensorOptions().dtype(torch::kFloat32);
    switch (type) {
    case WindowType::Hann:
        return torch::hann_window(length, /*periodic=*/true, options);
    case WindowType::Hamming:
        return torch::hamming_window(length, /*periodic=*/true, options);
    case WindowType::Rectangular:
        return torch::ones({length}, options);
    }
    throw std::invalid_argument("makeWindow: unknown window type");
}

torch::Tensor stft(const torch::Tensor &x, const StftConfig &config)
{
    const int win = effectiveWinLength(config);
    if (x.dim() < 1)
        throw std::invalid_argument("stft: input must have a time dimension");
    const torch::Tensor window = makeWindow(config.window, win).to(x.device(), x.scalar_type());
    const auto leading = x.sizes().slice(0, x.dim() - 1);
    const torch::Tensor flat = foldBatch(x, 1);
    torch::Tensor spec;
    if (config.center) {
        // The overload with `center` and `pad_mode` is Python's torch.stft; the one without
        // them never pads (stack.md §8.4).
        spec = torch::stft(flat, config.nFft, config.hop, win, window, /*center=*/true,
                           config.reflectPad ? "reflect" : "constant", config.normalized,
                           /*onesided=*/true, /*return_complex=*/true);
    } else {
        if (flat.size(-1) < config.nFft)
            throw std::invalid_argument("stft: center=false needs at least nFft ("
                                        + std::to_string(config.nFft) + ") samples, got "
                                        + std::to_string(flat.size(-1)));
        spec = torch::stft(flat, config.nFft, config.hop, win, window, config.normalized,
                           /*onesided=*/true, /*return_complex=*/true);
    }
    return unfoldBatch(spec, leading, 2);
}

torch::Tensor istft(const torch::Tensor &X, const StftConfig &config, std::optional<int64_t> length)
{
    const int win = effectiveWinLength(config);
    if (X.dim() < 2 || !X.is_complex())
        throw std::invalid_argument("istft: input must be complex [..., F, frames]");
    if (X.size(-2) != config.nFft / 2 + 1)
        throw std::invalid_argument("istft: expected " + std::to_string(config.nFft / 2 + 1)
                                    + " frequency bins, got " + std::to_string(X.size(-2)));
    const auto realType = X.scalar_type() == torch::kComplexDouble ? torch::kFloat64
                                                                  : torch::kFloat32;
    const torch::Tensor window = makeWindow(config.window, win).to(X.device(), realType);
    const auto leading = X.sizes().slice(0, X.dim() - 2);
    const torch::Tensor flat = foldBatch(X, 2);
    const torch::Tensor y = config.center
        ? torch::istft(flat, config.nFft, config.hop, win, window, /*center=*/true,
                       config.normalized, /*onesided=*/true,
                       length ? c10::optional<int64_t>(*length) : c10::nullopt,
                       /*return_complex=*/false)
        : overlapAddUncentred(flat, window, config, length);
    return unfoldBatch(y, leading, 1);
}

} // namespace mirstudio::toolkit
