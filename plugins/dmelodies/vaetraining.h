// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/vaemodel.h"
#include "plugins/dmelodies/vaeobjective.h"
#include "plugins/toolkit/trainer.h"

#include <QString>
#include <vector>

namespace mirstudio::sdk { class JobContext; }

namespace mirstudio::dmelodies {

/** One training run: the benchmark's recipe scaled down in steps (batch 512 → `batch`). */
struct VaeTrainingConfig
{
    VaeObjective objective;
    int64_t steps = 2000;
    int64_t batch = 64;
    double learningRate = 1e-3;       ///< the paper uses 1e-4 over ~200k steps
    double teacherForcing = 0.5;      ///< RNN: probability per batch
    uint64_t seed = 0;
    int64_t logEvery = 100;
};

/** Loss curve of a run (total loss per logged step) and the first / last values. */
struct VaeTrainingResult
{
    std::vector<toolkit::LossPoint> curve;
    double firstLoss = 0.0;
    double lastLoss = 0.0;
    bool cancelled = false;
};

/**
 * Trains a VaeModel on generated dMelodies (train split, seeded order) with the β-VAE,
 * Annealed-VAE or FactorVAE objective through toolkit::Trainer (Adam); FactorVAE's discriminator
 * has its own Adam (lr 1e-4, betas 0.8 / 0.9 as in the benchmark) stepped inside each step.
 * Loss = cross-entropy over the 16 ticks + the objective's KL term (+ γ·TC). Blocking; one
 * thread; deterministic for a seed (torch RNG seeded by the Trainer).
 */
class VaeTraining
{
public:
    static VaeTrainingResult run(VaeModel &model, const VaeTrainingConfig &config, sdk::JobContext *ctx = nullptr);
};

} // namespace mirstudio::dmelodies
