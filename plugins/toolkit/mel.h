// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/stft.h"

#include <torch/torch.h>

namespace mirstudio::toolkit {

/** The Hz <-> mel mapping: Slaney's (librosa's default: linear below 1 kHz, log above) or HTK's. */
enum class MelScale { Slaney, Htk };

/**
 * Mel filterbank settings. The defaults are librosa.filters.mel's (Slaney scale, Slaney area
 * normalisation). torchaudio's MelSpectrogram default is scale Htk with slaneyNorm false.
 */
struct MelConfig
{
    double sampleRate = 22050.0;
    int nFft = 2048;
    int nMels = 128;
    double fMin = 0.0;
    double fMax = 0.0;        ///< 0 = sampleRate / 2
    MelScale scale = MelScale::Slaney;
    bool slaneyNorm = true;   ///< scale each triangle by 2 / (its width in Hz): equal area
};

/** Hz to mel on `scale` (librosa.hz_to_mel; htk=True for Htk). */
double hzToMel(double hz, MelScale scale);
/** Mel to Hz on `scale` (librosa.mel_to_hz). */
double melToHz(double mel, MelScale scale);

/**
 * Triangular mel filters [nMels, nFft/2 + 1] float32, computed in float64 exactly as
 * librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm='slaney'|None) (and
 * torchaudio.functional.melscale_fbanks(...).T for the same scale and norm). Throws
 * std::invalid_argument for bad settings. Thread: any.
 */
torch::Tensor melFilterbank(const MelConfig &config);

/**
 * Mel spectrogram of x [..., T]: |stft(x)|^power projected on melFilterbank → [..., nMels,
 * frames] float32 (librosa.feature.melspectrogram with the same STFT settings). config.nFft
 * must equal stft.nFft. Thread: any.
 */
torch::Tensor melSpectrogram(const torch::Tensor &x, const StftConfig &stft, const MelConfig &config,
                             double power = 2.0);

} // namespace mirstudio::toolkit
