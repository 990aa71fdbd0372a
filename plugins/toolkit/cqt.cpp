// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/cqt.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mirstudio::toolkit {

CqtKernels makeCqtKernels(const CqtConfig &config)
{
    if (config.sampleRate <= 0.0 || config.hop <= 0 || config.fMin <= 0.0 || config.nBins <= 0
        || config.binsPerOctave <= 0 || config.filterScale <= 0.0)
        throw std::invalid_argument("makeCqtKernels: every setting must be positive");
    const double ratio = std::pow(2.0, 1.0 / config.binsPerOctave);
    const double q = config.filterScale / (ratio - 1.0);
    const double fTop = config.fMin * std::pow(ratio, config.nBins - 1);
    // The top filter's main lobe reaches f * (1 + 1 / (2Q)) (librosa's bandwidth check).
    if (fTop * (1.0 + 0.5 / q) >= config.sampleRate / 2.0)
        throw std::invalid_argument("makeCqtKernels: the top bin (" + std::to_string(fTop)
                                    + " Hz) reaches Nyquist (" + std::to_string(config.sampleRate / 2.0)
                                    + " Hz)");
    CqtKernels k;
    for (int b = 0; b < config.nBins; ++b) {
        k.frequencies.push_back(config.fMin * std::pow(ratio, b));
        k.lengths.push_back(q * config.sampleRate / k.frequencies.back());
    }
    k.nFft = 1;
    while (k.nFft < int(std::ceil(k.lengths.front())))
        k.nFft *= 2;
    torch::Tensor kernels = torch::zeros({config.nBins, k.nFft}, torch::kComplexDouble);
    for (int b = 0; b < config.nBins; ++b) {
        const int length = std::max(1, int(std::ceil(k.lengths[size_t(b)])));
        const torch::Tensor w = makeWindow(config.window, length).to(torch::kFloat64);
        const torch::Tensor t = (torch::arange(length, torch::kFloat64) - double(length / 2))
            / config.sampleRate;
        const torch::Tensor phase = 2.0 * M_PI * k.frequencies[size_t(b)] * t;
        const torch::Tensor kernel = torch::complex(torch::cos(phase), torch::sin(phase)) * w
            / w.sum();
        kernels[b].narrow(0, k.nFft / 2 - length / 2, length).copy_(kernel);
    }
    // sum_n x[n] conj(kern[n]) = (1/N) sum_f X[f] conj(K[f]); the kernels are analytic, so the
    // positive frequencies carry it and a real frame's one-sided spectrum suffices.
    k.spectra = (torch::fft::fft(kernels, k.nFft, -1).narrow(-1, 0, k.nFft / 2 + 1).conj()
                 / double(k.nFft)).to(torch::kComplexFloat);
    return k;
}

torch::Tensor cqt(const torch::Tensor &x, const CqtConfig &config)
{
    const CqtKernels kernels = makeCqtKernels(config);
    StftConfig frames;
    frames.nFft = kernels.nFft;
    frames.hop = config.hop;
    frames.window = WindowType::Rectangular;
    frames.center = true;
    frames.reflectPad = false; // zeros: signals may be shorter than half a frame
    const torch::Tensor spectrum = stft(x.to(torch::kFloat32), frames); // [..., F, frames]
    return torch::matmul(kernels.spectra.to(spectrum.device()), spectrum);
}

torch::Tensor hcqt(const torch::Tensor &x, const CqtConfig &config,
                   const std::vector<double> &harmonics)
{
    if (harmonics.empty())
        throw std::invalid_argument("hcqt: no harmonics");
    std::vector<torch::Tensor> channels;
    for (double h : harmonics) {
        CqtConfig c = config;
        c.fMin = config.fMin * h;
        channels.push_back(cqt(x, c));
    }
    return torch::stack(channels, -3);
}

} // namespace mirstudio::toolkit
