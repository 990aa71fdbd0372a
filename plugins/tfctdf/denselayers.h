// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * The densely connected layer stack shared by TFC and TDC (`H` in the official code): layer 0
 * reads the input, layer j >= 1 reads cat(out_{j-1}, input_{j-1}) along channels, i.e.
 * [out_{j-1}, ..., out_0, x]; only the last layer's output is returned. Stateless helper.
 */
inline torch::Tensor runDenseLayers(torch::nn::ModuleList &layers, torch::Tensor x)
{
    torch::Tensor out = layers[0]->as<torch::nn::Sequential>()->forward(x);
    for (size_t j = 1; j < layers->size(); ++j) {
        x = torch::cat({out, x}, 1);
        out = layers[j]->as<torch::nn::Sequential>()->forward(x);
    }
    return out;
}

} // namespace mirstudio::tfctdf
