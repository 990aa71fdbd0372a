// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/wiener.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mirstudio::toolkit {

namespace {

void checkShapes(const torch::Tensor &spectrograms, const torch::Tensor &mix)
{
    if (spectrograms.dim() != 4 || mix.dim() != 3 || !mix.is_complex())
        throw std::invalid_argument("wiener: need spectrograms [frames, bins, channels, sources] "
                                    "and a complex mixture [frames, bins, channels]");
    if (spectrograms.size(0) != mix.size(0) || spectrograms.size(1) != mix.size(1)
        || (spectrograms.size(2) != 1 && spectrograms.size(2) != mix.size(2)))
        throw std::invalid_argument("wiener: spectrogram and mixture shapes do not match");
}

/** Σ_t y yᴴ per bin: y [frames, bins, C] → [bins, C, C]. */
torch::Tensor summedCovariance(const torch::Tensor &y)
{
    return (y.unsqueeze(-1) * y.conj().unsqueeze(-2)).sum(0);
}

} // namespace

torch::Tensor invertComplexMatrices(const torch::Tensor &m)
{
    const int64_t c = m.size(-1);
    if (c == 1)
        return 1.0 / m;
    if (c != 2)
        return torch::linalg_inv(m);
    using torch::indexing::Ellipsis;
    const auto a = m.index({Ellipsis, 0, 0});
    const auto b = m.index({Ellipsis, 0, 1});
    const auto cc = m.index({Ellipsis, 1, 0});
    const auto d = m.index({Ellipsis, 1, 1});
    const auto invDet = 1.0 / (a * d - b * cc);
    const auto row0 = torch::stack({invDet * d, -invDet * b}, -1);
    const auto row1 = torch::stack({-invDet * cc, invDet * a}, -1);
    return torch::stack({row0, row1}, -2);
}

torch::Tensor wienerInitialEstimates(const torch::Tensor &targetSpectrograms,
                                     const torch::Tensor &mixStft, bool softmask, bool residual,
                                     double eps)
{
    checkShapes(targetSpectrograms, mixStft);
    const auto mix = mixStft.unsqueeze(-1);
    torch::Tensor y;
    if (softmask) {
        const auto ratio = targetSpectrograms / (eps + targetSpectrograms.sum(-1, true));
        y = mix * ratio;
    } else {
        // Magnitude with the mixture phase; angle(0) = 0 as the official atan2.
        const auto phase = torch::polar(torch::ones_like(torch::real(mix)), torch::angle(mix));
        y = targetSpectrograms * phase;
    }
    if (y.size(2) != mixStft.size(2))
        y = y.expand({-1, -1, mixStft.size(2), -1}).contiguous();
    if (residual)
        y = torch::cat({y, mix - y.sum(-1, true)}, -1);
    return y;
}

torch::Tensor expectationMaximization(const torch::Tensor &yIn, const torch::Tensor &x,
                                      int iterations, double eps,
                                      const std::function<void()> &poll)
{
    const int64_t channels = x.size(2);
    const int64_t sources = yIn.size(-1);
    const auto eye = torch::eye(channels, torch::TensorOptions().dtype(x.dtype()));
    const auto regularisation = std::sqrt(eps) * eye;
    torch::Tensor y = yIn;
    for (int it = 0; it < iterations; ++it) {
        if (poll)
            poll();
        const auto v = torch::real(y * y.conj()).mean(2); // [T, F, J]
        std::vector<torch::Tensor> r;
        r.reserve(size_t(sources));
        for (int64_t j = 0; j < sources; ++j) {
            const auto weight = eps + v.select(-1, j).sum(0); // [F]
            r.push_back(summedCovariance(y.select(-1, j)) / weight.view({-1, 1, 1}));
        }
        auto cxx = regularisation.expand({x.size(0), x.size(1), channels, channels}).clone();
        for (int64_t j = 0; j < sources; ++j)
            cxx = cxx + v.select(-1, j).unsqueeze(-1).unsqueeze(-1) * r[size_t(j)].unsqueeze(0);
        const auto invCxx = invertComplexMatrices(cxx);
        std::vector<torch::Tensor> estimates;
        estimates.reserve(size_t(sources));
        for (int64_t j = 0; j < sources; ++j) {
            const auto gain = v.select(-1, j).unsqueeze(-1).unsqueeze(-1)
                              * torch::matmul(r[size_t(j)].unsqueeze(0), invCxx);
            estimates.push_back(torch::matmul(gain, x.unsqueeze(-1)).squeeze(-1));
        }
        y = torch::stack(estimates, -1);
    }
    return y;
}

torch::Tensor wiener(const torch::Tensor &targetSpectrograms, const torch::Tensor &mixStft,
                     const WienerConfig &config, const std::function<void()> &poll)
{
    auto y = wienerInitialEstimates(targetSpectrograms, mixStft, config.softmask, config.residual,
                                    config.eps);
    if (config.iterations <= 0)
        return y;
    if (y.size(-1) == 1)
        throw std::invalid_argument("wiener: EM needs at least two sources (add the residual)");
    const double peak = mixStft.abs().max().item<double>();
    const double maxAbs = std::max(1.0, peak / config.scaleFactor);
    y = expectationMaximization(y / maxAbs, mixStft / maxAbs, config.iterations, config.eps, poll);
    return y * maxAbs;
}

torch::Tensor wienerWindowed(const torch::Tensor &targetSpectrograms, const torch::Tensor &mixStft,
                             const WienerConfig &config, const std::function<void()> &poll)
{
    const int64_t frames = mixStft.size(0);
    const int64_t window = config.windowFrames > 0 ? config.windowFrames : frames;
    std::vector<torch::Tensor> parts;
    for (int64_t pos = 0; pos < frames; pos += window) {
        if (poll)
            poll();
        const int64_t n = std::min(window, frames - pos);
        parts.push_back(wiener(targetSpectrograms.narrow(0, pos, n), mixStft.narrow(0, pos, n), config,
                              poll));
    }
    return torch::cat(parts, 0);
}

} // namespace mirstudio::toolkit
