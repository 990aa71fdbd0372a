// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tfcblock.h"

#include "plugins/tfctdf/denselayers.h"

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

TfcBlockImpl::TfcBlockImpl(int inChannels, int numLayers, int growth, int kernelT, int kernelF)
{
    int c = inChannels;
    for (int j = 0; j < numLayers; ++j, c += growth) {
        m_layers->push_back(nn::Sequential(
            nn::Conv2d(nn::Conv2dOptions(c, growth, {kernelT, kernelF})
                           .padding({kernelT / 2, kernelF / 2})),
            nn::BatchNorm2d(growth), nn::ReLU()));
    }
    register_module("H", m_layers);
}

torch::Tensor TfcBlockImpl::forward(const torch::Tensor &x)
{
    return runDenseLayers(m_layers, x);
}

} // namespace mirstudio::tfctdf
