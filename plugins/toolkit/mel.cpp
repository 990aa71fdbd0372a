// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/mel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

namespace {

// Slaney's scale: linear (200/3 Hz per mel) up to 1 kHz = 15 mel, then 27 mel per factor 6.4.
constexpr double kSlaneyHzPerMel = 200.0 / 3.0;
constexpr double kSlaneyLogHz = 1000.0;
constexpr double kSlaneyLogMel = kSlaneyLogHz / kSlaneyHzPerMel;
const double kSlaneyLogStep = std::log(6.4) / 27.0;

} // namespace

double hzToMel(double hz, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 2595.0 * std::log10(1.0 + hz / 700.0);
    if (hz < kSlaneyLogHz)
        return hz / kSlaneyHzPerMel;
    return kSlaneyLogMel + std::log(hz / kSlaneyLogHz) / kSlaneyLogStep;
}

double melToHz(double mel, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
    if (mel < kSlaneyLogMel)
        return mel * kSlaneyHzPerMel;
    return kSlaneyLogHz * std::exp(kSlaneyLogStep * (mel - kSlaneyLogMel));
}

torch::Tensor melFilterbank(const MelConfig &config)
{
    const double fMax = config.fMax > 0.0 ? config.fMax : config.sampleRate / 2.0;
    if (config.sampleRate <= 0.0 || config.nFft <= 0 || config.nMels <= 0 || config.fMin < 0.0
        || fMax <= config.fMin)
        throw std::invalid_argument("melFilterbank: need sampleRate, nFft, nMels > 0 and "
                                    "0 <= fMin < fMax (fMin " + std::to_string(config.fMin)
                                    + ", fMax " + std::to_string(fMax) + ")");
    const int bins = config.nFft / 2 + 1;
    // Band edges: nMels + 2 points evenly spaced in mel between fMin and fMax.
    const double melMin = hzToMel(config.fMin, config.scale);
    const double melMax = hzToMel(fMax, config.scale);
    std::vector<double> edges(size_t(config.nMels) + 2);
    for (size_t i = 0; i < edges.size(); ++i) {
        const double mel = melMin + (melMax - melMin) * double(i) / double(edges.size() - 1);
        edges[i] = melToHz(mel, config.scale);
    }
    torch::Tensor weights = torch::zeros({config.nMels, bins}, torch::kFloat64);
    auto w = weights.accessor<double, 2>();
    for (int m = 0; m < config.nMels; ++m) {
        const double lo = edges[size_t(m)], mid = edges[size_t(m) + 1], hi = edges[size_t(m) + 2];
        const double norm = config.slaneyNorm ? 2.0 / (hi - lo) : 1.0;
        for (int k = 0; k < bins; ++k) {
            const double f = config.sampleRate * double(k) / double(config.nFft);
            const double rising = (f - lo) / (mid - lo);
            const double falling = (hi - f) / (hi - mid);
            w[m][k] = std::max(0.0, std::min(rising, falling)) * norm;
        }
    }
    return weights.to(torch::kFloat32);
}

torch::Tensor melSpectrogram(const torch::Tensor &x, const StftConfig &stftConfig,
                             const MelConfig &config, double power)
{
    if (config.nFft != stftConfig.nFft)
        throw std::invalid_argument("melSpectrogram: mel nFft " + std::to_string(config.nFft)
                                    + " differs from the STFT's " + std::to_string(stftConfig.nFft));
    const torch::Tensor magnitude = stft(x, stftConfig).abs().pow(power);
    return torch::matmul(melFilterbank(config).to(magnitude.device()), magnitude);
}

} // namespace mirstudio::toolkit
