// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/stft.h"

#include <torch/torch.h>

namespace mirstudio::toolkit {

/** Chroma filterbank settings; the defaults are librosa.filters.chroma's. */
struct ChromaConfig
{
    double sampleRate = 22050.0;
    int nFft = 2048;
    int nChroma = 12;
    double tuning = 0.0;     ///< deviation from A440 in fractions of a chroma bin
    double ctrOct = 5.0;     ///< centre (in octaves above A0 = 27.5 Hz) of the octave weighting
    double octWidth = 2.0;   ///< Gaussian half-width of that weighting in octaves; <= 0: flat
    bool baseC = true;       ///< first row is C (else A)
};

/**
 * Chroma filters [nChroma, nFft/2 + 1] float32, computed in float64 as librosa.filters.chroma
 * (Gaussian bumps around each pitch class per FFT bin, each column L2-normalised, then the
 * octave weighting). Throws std::invalid_argument for bad settings. Thread: any.
 */
torch::Tensor chromaFilterbank(const ChromaConfig &config);

/**
 * Chromagram of x [..., T] → [..., nChroma, frames]: |stft|^2 projected on chromaFilterbank,
 * then each frame divided by its maximum (librosa.feature.chroma_stft with a fixed `tuning`
 * instead of an estimated one, norm=inf). config.nFft must equal stft.nFft. Thread: any.
 */
torch::Tensor chromaStft(const torch::Tensor &x, const StftConfig &stft, const ChromaConfig &config);

} // namespace mirstudio::toolkit
