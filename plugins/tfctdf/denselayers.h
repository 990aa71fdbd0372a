// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <functional>

namespace mirstudio::tfctdf {

/**
 * The cancellation hook of the current thread's U-Net forward pass (UNetImpl::forward sets it for
 * the duration of one call), called between dense layers so a long level can be stopped.
 */
inline const std::function<void()> *&denseLayerCheckpoint()
{
    thread_local const std::function<void()> *hook = nullptr;
    return hook;
}

/**
 * The densely connected layer stack shared by TFC and TDC (`H` in the official code): layer 0
 * reads the input, layer j >= 1 reads cat(out_{j-1}, input_{j-1}) along channels, i.e.
 * [out_{j-1}, ..., out_0, x]; only the last layer's output is returned. Stateless helper.
 */
inline torch::Tensor runDenseLayers(torch::nn::ModuleList &layers, torch::Tensor x)
{
    torch::Tensor out = layers[0]->as<torch::nn::Sequential>()->forward(x);
    for (size_t j = 1; j < layers->size(); ++j) {
        if (const std::function<void()> *hook = denseLayerCheckpoint(); hook && *hook)
            (*hook)();
        x = torch::cat({out, x}, 1);
        out = layers[j]->as<torch::nn::Sequential>()->forward(x);
    }
    return out;
}

} // namespace mirstudio::tfctdf
