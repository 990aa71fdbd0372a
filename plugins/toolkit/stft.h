// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <optional>

namespace mirstudio::toolkit {

/** Window shapes the toolkit's transforms use (periodic variants, as torch.hann_window). */
enum class WindowType { Hann, Hamming, Rectangular };

/**
 * STFT settings with Python `torch.stft` meaning. `center` pads n_fft/2 on both sides with
 * `padMode` ("reflect" or "constant") exactly as torch.stft(center=True) does; center=false is
 * librosa's `center=False` framing (frames = 1 + (T - n_fft) / hop).
 */
struct StftConfig
{
    int nFft = 4096;
    int hop = 1024;
    int winLength = 0;                 ///< 0 = nFft
    WindowType window = WindowType::Hann;
    bool center = true;
    bool reflectPad = true;            ///< center padding: reflect (true) or zeros (false)
    bool normalized = false;
};

/** A periodic window of `length` samples (float32, CPU), as torch.hann_window(periodic=True). */
torch::Tensor makeWindow(WindowType type, int length);

/**
 * Forward STFT of x: [..., T] float → complex64 [..., F = nFft/2+1, frames], bit-for-bit the
 * Python call torch.stft(x, n_fft, hop, win_length, window, center, pad_mode, normalized,
 * onesided=True, return_complex=True). Thread: any (pure function).
 */
torch::Tensor stft(const torch::Tensor &x, const StftConfig &config);

/**
 * Inverse of stft (torch.istft with the same config), trimmed or zero-padded to `length` when
 * given. X: complex [..., F, frames] → float [..., T].
 */
torch::Tensor istft(const torch::Tensor &X, const StftConfig &config,
                    std::optional<int64_t> length = std::nullopt);

} // namespace mirstudio::toolkit
