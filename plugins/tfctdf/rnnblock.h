// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/tdflayer.h"

#include <torch/torch.h>

#include <string>

namespace mirstudio::tfctdf {

/**
 * TIC-RNN / TFC-RNN block (official `TIC_RNN`, `TFC_RNN`): a TDC or TFC block, BatchNorm2d, then
 * a GRU over time for every (batch, channel) pair with F inputs, whose outputs a TDF-like MLP maps
 * back to F bins; returns block + rnn (skip connection on). Parameters under "tic.*" or "tfc.*",
 * "bn.*", "rnn.*", "tif_f1_to_f2.tif.*". Owned by its parent; one thread at a time.
 */
class RnnBlockImpl : public torch::nn::Module
{
public:
    /** `inner` is the TDC or TFC block, registered under `innerName` ("tic" or "tfc"). */
    RnnBlockImpl(torch::nn::AnyModule inner, const std::string &innerName, int growth, int bins,
                 int hiddenUnits, int rnnLayers, bool bidirectional, const TdfOptions &projection);
    torch::Tensor forward(const torch::Tensor &x);

private:
    torch::nn::AnyModule m_inner;
    torch::nn::BatchNorm2d m_bn{nullptr};
    torch::nn::GRU m_rnn{nullptr};
    TdfLayer m_projection{nullptr};
};
TORCH_MODULE(RnnBlock);

} // namespace mirstudio::tfctdf
