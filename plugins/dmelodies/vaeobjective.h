// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <torch/torch.h>

namespace mirstudio::dmelodies {

/**
 * The KL part of the benchmark's training objectives with its annealing schedule
 * (DMelodiesVAETrainer / factor-VAE trainer), scaled from 100,000 annealing iterations to
 * `annealSteps`:
 *  - beta:     relu(β_t · KL − C), β_t = exp(t·ln(1+β)/T) − 1 (C = capacity, 50 in the paper);
 *  - annealed: β · |KL − C_t|, C_t = exp(t·ln(1+C)/T) − 1;
 *  - factor:   β · |KL − C| (no annealing) plus γ times the discriminator's TC estimate.
 * t counts steps after `warmupSteps` (no KL term before, as in the official warm-up epochs).
 * A plain value.
 */
struct VaeObjective
{
    enum class Kind { Beta, Annealed, Factor };

    Kind kind = Kind::Beta;
    double beta = 1.0;
    double capacity = 50.0;
    double gamma = 10.0;
    int64_t annealSteps = 100000;
    int64_t warmupSteps = 0;

    /** "beta", "annealed" or "factor"; throws std::invalid_argument otherwise. */
    static Kind kindFromName(const QString &name);
    /** The paper's default hyper-parameters of an objective (β 1 / C 50 / γ 10 ...). */
    static VaeObjective defaults(Kind kind);

    /** β_t and C_t at a 0-based step. */
    double betaAt(int64_t step) const;
    double capacityAt(int64_t step) const;
    /** The KL term at `step` from the batch mean KL (a scalar tensor with a graph). */
    torch::Tensor klTerm(const torch::Tensor &meanKl, int64_t step) const;
};

} // namespace mirstudio::dmelodies
