// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * TFC block: `numLayers` densely connected Conv2d(kernel (kernelT, kernelF), "same" padding) →
 * BatchNorm2d → ReLU layers on [B, C, T, F]; returns the last layer's output [B, growth, T, F].
 * Parameters under "H.{j}.{0,1}". (The paper-era code writes the kernel as (kf, kt); the
 * published models use 3 x 3, where both agree.) Owned by its parent; one thread at a time.
 */
class TfcBlockImpl : public torch::nn::Module
{
public:
    TfcBlockImpl(int inChannels, int numLayers, int growth, int kernelT, int kernelF);
    torch::Tensor forward(const torch::Tensor &x);

private:
    torch::nn::ModuleList m_layers;
};
TORCH_MODULE(TfcBlock);

} // namespace mirstudio::tfctdf
