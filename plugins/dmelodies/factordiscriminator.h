// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::dmelodies {

/**
 * FactorVAE's discriminator (Kim & Mnih 2018, as the dMelodies benchmark sets it up):
 * MLP z → 64 → 64 → 64 → 2 with LeakyReLU(0.2); logit 0 = "joint q(z)", 1 = "product of
 * marginals" (dimension-wise permuted codes). Threading: one thread at a time.
 */
class FactorDiscriminatorImpl : public torch::nn::Module
{
public:
    explicit FactorDiscriminatorImpl(int64_t latent = 32, int64_t hidden = 64);
    torch::Tensor forward(const torch::Tensor &z);
    /** Each latent dimension permuted independently across the batch. */
    static torch::Tensor permuteDims(const torch::Tensor &z);

private:
    torch::nn::Sequential m_net{nullptr};
};
TORCH_MODULE(FactorDiscriminator);

} // namespace mirstudio::dmelodies
