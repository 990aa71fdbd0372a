// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * Per-frame frequency re-sampling (official `TIC_sampling` / `TDC_sampling`): Conv1d (down) or
 * ConvTranspose1d (up) with kernel = stride = 2 along F of every frame, then BatchNorm2d, no
 * activation. [B, C, T, F] → [B, C, T, F/2 or 2F]. Parameters under "conv.*" and "bn.*".
 * Owned by its parent; one thread at a time.
 */
class TdcSamplingImpl : public torch::nn::Module
{
public:
    TdcSamplingImpl(int channels, bool up);
    torch::Tensor forward(const torch::Tensor &x);

private:
    bool m_up;
    torch::nn::Conv1d m_down{nullptr};
    torch::nn::ConvTranspose1d m_upConv{nullptr};
    torch::nn::BatchNorm2d m_bn{nullptr};
};
TORCH_MODULE(TdcSampling);

} // namespace mirstudio::tfctdf
