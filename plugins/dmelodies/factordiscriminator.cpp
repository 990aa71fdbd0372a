// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/factordiscriminator.h"

namespace mirstudio::dmelodies {

FactorDiscriminatorImpl::FactorDiscriminatorImpl(int64_t latent, int64_t hidden)
{
    const auto leaky = [] { return torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2)); };
    m_net = register_module("net", torch::nn::Sequential(torch::nn::Linear(latent, hidden), leaky(),
                                                         torch::nn::Linear(hidden, hidden), leaky(),
                                                         torch::nn::Linear(hidden, hidden), leaky(),
                                                         torch::nn::Linear(hidden, 2)));
}

torch::Tensor FactorDiscriminatorImpl::forward(const torch::Tensor &z)
{
    return m_net->forward(z);
}

torch::Tensor FactorDiscriminatorImpl::permuteDims(const torch::Tensor &z)
{
    std::vector<torch::Tensor> cols;
    for (int64_t d = 0; d < z.size(1); ++d)
        cols.push_back(z.select(1, d).index_select(0, torch::randperm(z.size(0), torch::kLong)));
    return torch::stack(cols, 1);
}

} // namespace mirstudio::dmelodies
