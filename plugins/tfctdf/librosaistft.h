// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * librosa's `istft(center=False)` as the paper-era separator calls it (librosa 0.7/0.8): per frame
 * irfft(n = nFft) (imaginary parts of DC and Nyquist ignored), times the window, overlap-add with
 * `hop`, then division by the window's sum-square envelope wherever it exceeds float32 `tiny`
 * (so the chunk edges are ill-conditioned on purpose; callers trim them). torch.istft refuses
 * this case (its NOLA check fails on a Hann envelope that is 0 at sample 0), hence this function.
 * X: complex [..., nFft/2 + 1, frames] → float32 [..., nFft + hop·(frames - 1)]. Pure; any thread.
 */
torch::Tensor librosaIstft(const torch::Tensor &X, int nFft, int hop, const torch::Tensor &window);

} // namespace mirstudio::tfctdf
