// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/rnnblock.h"

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

RnnBlockImpl::RnnBlockImpl(nn::AnyModule inner, const std::string &innerName, int growth, int bins,
                           int hiddenUnits, int rnnLayers, bool bidirectional,
                           const TdfOptions &projection)
    : m_inner(std::move(inner))
{
    register_module(innerName, m_inner.ptr());
    m_bn = register_module("bn", nn::BatchNorm2d(growth));
    m_rnn = register_module("rnn", nn::GRU(nn::GRUOptions(bins, hiddenUnits)
                                               .num_layers(rnnLayers)
                                               .batch_first(true)
                                               .bidirectional(bidirectional)));
    m_projection = register_module("tif_f1_to_f2", TdfLayer(projection));
}

torch::Tensor RnnBlockImpl::forward(const torch::Tensor &x)
{
    torch::Tensor skip = m_bn->forward(m_inner.forward(x));
    const int64_t B = skip.size(0), C = skip.size(1), T = skip.size(2), F = skip.size(3);
    torch::Tensor seq = std::get<0>(m_rnn->forward(skip.reshape({B * C, T, F})));
    return skip + m_projection->forward(seq.reshape({B, C, T, -1}));
}

} // namespace mirstudio::tfctdf
