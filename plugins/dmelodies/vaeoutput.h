// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace mirstudio::dmelodies {

/** Number of note tokens the benchmark models embed and score (hard-coded 62 in the official code). */
inline constexpr int64_t kTokenCount = 62;

/** The posterior of a batch: z_mean and z_log_std (scale = exp(z_log_std)), both (B, Z). */
struct Posterior
{
    torch::Tensor mean;
    torch::Tensor logStd;
    torch::Tensor scale() const { return logStd.exp(); }
    /** z = mean + eps * scale (the rsample of the official code, with the caller's eps). */
    torch::Tensor sample(const torch::Tensor &eps) const { return mean + eps * scale(); }
    /** KL(q || N(0, I)) per item, summed over latent dimensions: (B,). */
    torch::Tensor klToStandardNormal() const
    {
        return (0.5 * (mean.pow(2) + (2.0 * logStd).exp()) - logStd - 0.5).sum(1);
    }
};

/** What a VAE forward pass gives: per-tick scores (B, 16, 62), the posterior and the code used. */
struct VaeOutput
{
    torch::Tensor scores;
    Posterior posterior;
    torch::Tensor z;
};

} // namespace mirstudio::dmelodies
