// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/chroma.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

torch::Tensor chromaFilterbank(const ChromaConfig &config)
{
    const int n = config.nChroma;
    if (config.sampleRate <= 0.0 || config.nFft < 2 || n <= 0)
        throw std::invalid_argument("chromaFilterbank: need sampleRate > 0, nFft >= 2, nChroma > 0");
    const int fftBins = config.nFft;
    const double a440 = 440.0 * std::pow(2.0, config.tuning / double(n));
    // Position of every FFT bin (full spectrum) in chroma bins above A0 (a440 / 16).
    std::vector<double> position(static_cast<size_t>(fftBins));
    for (int k = 1; k < fftBins; ++k) {
        const double f = config.sampleRate * double(k) / double(fftBins);
        position[size_t(k)] = double(n) * std::log2(f / (a440 / 16.0));
    }
    position[0] = position[1] - 1.5 * double(n); // DC: 1.5 octaves below bin 1, broad
    std::vector<double> width(size_t(fftBins), 1.0);
    for (int k = 0; k + 1 < fftBins; ++k)
        width[size_t(k)] = std::max(position[size_t(k) + 1] - position[size_t(k)], 1.0);
    const double half = std::round(double(n) / 2.0);
    std::vector<double> w(size_t(n) * size_t(fftBins));
    for (int k = 0; k < fftBins; ++k) {
        double norm = 0.0;
        for (int c = 0; c < n; ++c) {
            // Distance to pitch class c folded into [-n/2, n/2) (Python's positive remainder).
            const double d = std::fmod(position[size_t(k)] - c + half + 10.0 * n, double(n));
            const double folded = (d < 0 ? d + n : d) - half;
            const double z = 2.0 * folded / width[size_t(k)];
            const double v = std::exp(-0.5 * z * z);
            w[size_t(c) * size_t(fftBins) + size_t(k)] = v;
            norm += v * v;
        }
        norm = std::sqrt(norm);
        const double octave = position[size_t(k)] / double(n) - config.ctrOct;
        const double octaveWeight = config.octWidth > 0.0
            ? std::exp(-0.5 * (octave / config.octWidth) * (octave / config.octWidth)) : 1.0;
        const double scale = (norm < std::numeric_limits<double>::min() ? 1.0 : 1.0 / norm)
            * octaveWeight;
        for (int c = 0; c < n; ++c)
            w[size_t(c) * size_t(fftBins) + size_t(k)] *= scale;
    }
    const int bins = config.nFft / 2 + 1;
    const int shift = config.baseC ? 3 * (n / 12) : 0; // A-based rows rolled so C comes first
    torch::Tensor out = torch::empty({n, bins}, torch::kFloat64);
    auto o = out.accessor<double, 2>();
    for (int c = 0; c < n; ++c) {
        const int from = (c + shift) % n;
        for (int k = 0; k < bins; ++k)
            o[c][k] = w[size_t(from) * size_t(fftBins) + size_t(k)];
    }
    return out.to(torch::kFloat32);
}

torch::Tensor chromaStft(const torch::Tensor &x, const StftConfig &stftConfig,
                         const ChromaConfig &config)
{
    if (config.nFft != stftConfig.nFft)
        throw std::invalid_argument("chromaStft: chroma nFft " + std::to_string(config.nFft)
                                    + " differs from the STFT's " + std::to_string(stftConfig.nFft));
    const torch::Tensor power = stft(x, stftConfig).abs().pow(2.0);
    const torch::Tensor raw = torch::matmul(chromaFilterbank(config).to(power.device()), power);
    const torch::Tensor peak = std::get<0>(raw.max(-2, /*keepdim=*/true));
    const torch::Tensor safe = torch::where(peak > std::numeric_limits<float>::min(), peak,
                                            torch::ones_like(peak));
    return raw / safe;
}

} // namespace mirstudio::toolkit
