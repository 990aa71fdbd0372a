// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * nn::Sequential with a plain Tensor → Tensor forward, so it can live in an AnyModule (children
 * are named "0", "1", ... as in PyTorch). Owned by its parent; one thread at a time.
 */
class LayerSequenceImpl : public torch::nn::SequentialImpl
{
public:
    using SequentialImpl::SequentialImpl;
    torch::Tensor forward(torch::Tensor x) { return SequentialImpl::forward(std::move(x)); }
};
TORCH_MODULE(LayerSequence);

} // namespace mirstudio::tfctdf
