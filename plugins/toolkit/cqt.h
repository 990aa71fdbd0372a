// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/stft.h"

#include <torch/torch.h>

#include <vector>

namespace mirstudio::toolkit {

/** Constant-Q transform settings (defaults: librosa.cqt's 7 octaves from C1 at 22.05 kHz). */
struct CqtConfig
{
    double sampleRate = 22050.0;
    int hop = 512;
    double fMin = 32.70319566257483; ///< C1
    int nBins = 84;
    int binsPerOctave = 12;
    double filterScale = 1.0;        ///< scales every filter's length (Q); < 1: shorter filters
    WindowType window = WindowType::Hann;
};

/**
 * The constant-Q filters as frequency-domain kernels: bin k has centre frequency
 * fMin * 2^(k / binsPerOctave) and a window of length Q * sampleRate / f_k samples with
 * Q = filterScale / (2^(1/binsPerOctave) - 1) (Brown 1991; librosa's filters.constant_q), each
 * normalised to unit window sum (L1), so a tone of amplitude A at a bin centre has |CQT| = A / 2.
 * All filters share one FFT size, the power of two above the longest filter. Value type.
 */
struct CqtKernels
{
    int nFft = 0;
    torch::Tensor spectra;             ///< complex64 [nBins, nFft/2 + 1]: conj(FFT(kernel)) / nFft
    std::vector<double> frequencies;   ///< Hz, per bin
    std::vector<double> lengths;       ///< samples, per bin
};

/** Builds the kernels. Throws std::invalid_argument when a bin reaches Nyquist. Thread: any. */
CqtKernels makeCqtKernels(const CqtConfig &config);

/**
 * CQT of x [..., T] → complex64 [..., nBins, 1 + T / hop]; frame m is centred on sample m * hop
 * (zero padding outside the signal). Computed as the product of each frame's spectrum with the
 * kernels' positive-frequency spectra. Not scaled like librosa.cqt (which divides by
 * sqrt(filter length)); see CqtKernels. Thread: any.
 */
torch::Tensor cqt(const torch::Tensor &x, const CqtConfig &config);

/**
 * Harmonic CQT (Bittner et al., ISMIR 2017): one CQT per harmonic h with fMin * h, stacked →
 * complex64 [..., harmonics, nBins, frames]. Bin k of every channel is then aligned with bin k
 * of the fundamental's channel. Throws std::invalid_argument when a harmonic's bins reach
 * Nyquist. Thread: any.
 */
torch::Tensor hcqt(const torch::Tensor &x, const CqtConfig &config,
                   const std::vector<double> &harmonics = {0.5, 1.0, 2.0, 3.0, 4.0, 5.0});

} // namespace mirstudio::toolkit
