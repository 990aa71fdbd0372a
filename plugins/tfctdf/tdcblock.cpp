// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tdcblock.h"

#include "plugins/tfctdf/denselayers.h"

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

TdcBlockImpl::TdcBlockImpl(int inChannels, int numLayers, int growth, int kernelF)
{
    int c = inChannels;
    for (int j = 0; j < numLayers; ++j, c += growth) {
        m_layers->push_back(nn::Sequential(
            nn::Conv1d(nn::Conv1dOptions(c, growth, kernelF).padding(kernelF / 2)),
            nn::BatchNorm1d(growth), nn::ReLU()));
    }
    register_module("H", m_layers);
}

torch::Tensor TdcBlockImpl::forward(const torch::Tensor &x)
{
    const int64_t B = x.size(0), T = x.size(2), F = x.size(3);
    torch::Tensor frames = x.transpose(-2, -3).reshape({B * T, -1, F});
    torch::Tensor y = runDenseLayers(m_layers, frames);
    return y.view({B, T, -1, F}).transpose(-2, -3);
}

} // namespace mirstudio::tfctdf
