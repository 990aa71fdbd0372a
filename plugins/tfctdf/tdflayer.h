// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/** Settings of one TDF (official `TIF` / `TIF_f1_to_f2`). Plain value. */
struct TdfOptions
{
    int channels = 24;
    int inBins = 1024;       ///< F of the input's last axis
    int outBins = 1024;      ///< F of the output's last axis
    int bnFactor = 16;       ///< 0: a single Linear(inBins, outBins)
    int minBnUnits = 16;
    bool bias = true;
    bool affineBn = true;
};

/**
 * TDF (official `TIF`): fully connected layers on the last (frequency) axis of [B, C, T, F],
 * shared by all channels and frames: Linear(F→u) → BatchNorm2d(C) → ReLU → Linear(u→F') →
 * BatchNorm2d(C) → ReLU with u = max(F' / bnFactor, minBnUnits), or one Linear → BN → ReLU.
 * Parameters under "tif.{0,1,3,4}". Owned by its parent; one thread at a time.
 */
class TdfLayerImpl : public torch::nn::Module
{
public:
    explicit TdfLayerImpl(const TdfOptions &options);
    torch::Tensor forward(const torch::Tensor &x);

private:
    torch::nn::Sequential m_tif;
};
TORCH_MODULE(TdfLayer);

} // namespace mirstudio::tfctdf
