// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * TDC block (official `TIC`): every frame is processed on its own by `numLayers` densely
 * connected Conv1d(k = kernelF, padding kernelF/2) → BatchNorm1d → ReLU layers along frequency.
 * [B, cIn, T, F] → [B, growth, T, F]. Parameters under "H.{j}.{0,1}". Owned by its parent
 * module; forward on one thread at a time.
 */
class TdcBlockImpl : public torch::nn::Module
{
public:
    TdcBlockImpl(int inChannels, int numLayers, int growth, int kernelF);
    torch::Tensor forward(const torch::Tensor &x);

private:
    torch::nn::ModuleList m_layers;
};
TORCH_MODULE(TdcBlock);

} // namespace mirstudio::tfctdf
