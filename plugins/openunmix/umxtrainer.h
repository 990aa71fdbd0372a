// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/separator.h"
#include "plugins/openunmix/stemsong.h"
#include "plugins/openunmix/umxconfig.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mirstudio::openunmix {

/** Settings of a training run (plain value). The defaults make the project's small model. */
struct TrainConfig
{
    UmxConfig model = smallModel();
    int steps = 1000;
    int batchSize = 8;
    int frames = 64;                ///< STFT frames per excerpt (64 ≈ 1.5 s)
    double learningRate = 1e-3;     ///< Adam, as the official scripts/train.py
    double weightDecay = 1e-5;
    double gainMin = 0.25, gainMax = 1.25;   ///< random gain per source (official augmentation)
    uint64_t seed = 42;
    int nFft = 4096, hop = 1024;

    /** Mono, hidden 64, 3 BLSTM layers, input bins up to 8 kHz: about 1 MB per target. */
    static UmxConfig smallModel();
};

/**
 * Trains one Open-Unmix model per target on aligned stems, as the official scripts/train.py
 * does in miniature: per-bin input statistics of the training mixtures (stored as −mean and
 * 1/std), random excerpts with a random gain per source (mixtures re-made as the sum of the gained
 * source STFTs, which is exact because the STFT is linear), MSE between the model output and the
 * target magnitude, Adam. Deterministic for a seed on one thread.
 *
 * Owns the spectrograms of the songs it was given (memory ≈ songs × stems × STFT size).
 * One thread at a time. `progress` is called after every step with the step's losses per target;
 * throw from it to stop.
 */
class UmxTrainer
{
public:
    UmxTrainer(const TrainConfig &config, std::vector<std::string> targetNames);

    /** Adds a training song whose stems are in the order of the target names. */
    void addSong(const StemSong &song);

    using Progress = std::function<void(int step, const std::vector<double> &losses)>;
    /** Runs config.steps steps and returns the trained models (eval mode). */
    std::vector<TargetModel> train(const Progress &progress = {});

private:
    TrainConfig m_config;
    std::vector<std::string> m_targetNames;
    std::vector<torch::Tensor> m_songStfts;   ///< per song: complex [stems, channels, bins, frames]

    torch::Tensor inputStatistics() const;    ///< [2, bins]: mean and std of mixture magnitudes
};

} // namespace mirstudio::openunmix
