// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tdcsampling.h"

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

TdcSamplingImpl::TdcSamplingImpl(int channels, bool up) : m_up(up)
{
    if (up)
        m_upConv = register_module(
            "conv", nn::ConvTranspose1d(nn::ConvTranspose1dOptions(channels, channels, 2).stride(2)));
    else
        m_down = register_module("conv", nn::Conv1d(nn::Conv1dOptions(channels, channels, 2).stride(2)));
    m_bn = register_module("bn", nn::BatchNorm2d(channels));
}

torch::Tensor TdcSamplingImpl::forward(const torch::Tensor &x)
{
    const int64_t B = x.size(0), C = x.size(1), T = x.size(2), F = x.size(3);
    torch::Tensor frames = x.transpose(-2, -3).reshape({B * T, C, F});
    frames = m_up ? m_upConv->forward(frames) : m_down->forward(frames);
    return m_bn->forward(frames.reshape({B, T, C, -1}).transpose(-2, -3));
}

} // namespace mirstudio::tfctdf
