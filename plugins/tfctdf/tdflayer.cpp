// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tdflayer.h"

#include <algorithm>

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

TdfLayerImpl::TdfLayerImpl(const TdfOptions &o)
{
    auto bn = [&o] { return nn::BatchNorm2d(nn::BatchNorm2dOptions(o.channels).affine(o.affineBn)); };
    if (o.bnFactor <= 0) {
        m_tif = nn::Sequential(nn::Linear(nn::LinearOptions(o.inBins, o.outBins).bias(o.bias)), bn(),
                               nn::ReLU());
    } else {
        const int units = std::max(o.outBins / o.bnFactor, o.minBnUnits);
        m_tif = nn::Sequential(nn::Linear(nn::LinearOptions(o.inBins, units).bias(o.bias)), bn(),
                               nn::ReLU(), nn::Linear(nn::LinearOptions(units, o.outBins).bias(o.bias)),
                               bn(), nn::ReLU());
    }
    register_module("tif", m_tif);
}

torch::Tensor TdfLayerImpl::forward(const torch::Tensor &x)
{
    return m_tif->forward(x);
}

} // namespace mirstudio::tfctdf
