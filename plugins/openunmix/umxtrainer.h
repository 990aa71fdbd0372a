// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/separator.h"
#include "plugins/openunmix/stemsong.h"
#include "plugins/openunmix/umxconfig.h"
#include "plugins/toolkit/trainer.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mirstudio::sdk { class JobContext; }

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
    bool channelSwap = true;        ///< stereo models: swap a source's channels with p = 0.5
    uint64_t seed = 42;
    int nFft = 4096, hop = 1024;

    int validateEvery = 50;         ///< steps per "epoch" of the plateau schedule; 0 = no schedule
    int validationExcerpts = 8;     ///< fixed, un-augmented excerpts scored by the schedule
    double plateauFactor = 0.3;     ///< official lr_decay_gamma
    int plateauPatience = 8;        ///< validations without improvement (official: 80 epochs)
    int plateauCooldown = 1;        ///< validations ignored after a reduction (official: 10)

    QString checkpointPath;         ///< empty: none; else the toolkit Trainer's checkpoint
    int checkpointEvery = 0;

    /** Mono, hidden 64, 3 BLSTM layers, input bins up to 8 kHz: about 1 MB per target. */
    static UmxConfig smallModel();
};

/**
 * Trains one Open-Unmix model per target on aligned stems, as the official scripts/train.py does
 * in miniature, on the toolkit's generic training loop (toolkit::Trainer: Adam with weight decay,
 * seed, checkpoint, loss curve, cancel). Open-Unmix specifics kept here: per-bin input statistics
 * of the training mixtures (stored as −mean and 1/std), random excerpts (random song, random
 * start) with a random gain per source and a random channel swap (official data.py), the mixture
 * re-made as the sum of the augmented sources, MSE between each model's output and its target
 * magnitude, and reduce-on-plateau of the learning rate on a fixed validation set.
 *
 * All targets are trained together as one module (one submodule per target) and the loss is the
 * sum of the per-target MSEs; since the models share no parameter and Adam is per parameter, each
 * model gets exactly the update it would get alone (only the plateau schedule is shared).
 *
 * Owns the waveforms of the songs it was given (memory ≈ songs × stems × samples × 4 bytes);
 * excerpts are transformed on the fly. One thread at a time. Deterministic for a seed on one thread.
 */
class UmxTrainer
{
public:
    UmxTrainer(const TrainConfig &config, std::vector<std::string> targetNames);

    /** Adds a training song whose stems are in the order of the target names. */
    void addSong(const StemSong &song);

    /**
     * Called after every step's forward pass with the step's losses per target; throw from it
     * to stop (the exception leaves train()).
     */
    using Progress = std::function<void(int step, const std::vector<double> &losses)>;
    /** Runs config.steps steps and returns the trained models (eval mode). `ctx` (optional):
     *  progress and cancel through the toolkit Trainer; a cancelled run throws sdk::Cancelled. */
    std::vector<TargetModel> train(const Progress &progress = {}, sdk::JobContext *ctx = nullptr);

    /** The summed training loss per step and the validation loss of the last train() call. */
    const std::vector<toolkit::LossPoint> &lossCurve() const { return m_lossCurve; }
    const std::vector<toolkit::LossPoint> &validationCurve() const { return m_validationCurve; }
    /** The learning-rate factor the plateau schedule ended with (1 = never reduced). */
    double finalLearningRateFactor() const { return m_finalLrFactor; }

private:
    /** [B, stems, channels, bins, frames] complex STFT excerpts; augmented or not. */
    torch::Tensor drawBatch(int64_t size, bool augment) const;
    torch::Tensor inputStatistics() const;    ///< [2, bins]: mean and std of mixture magnitudes

    TrainConfig m_config;
    std::vector<std::string> m_targetNames;
    std::vector<torch::Tensor> m_songs;       ///< per song: float [stems, channels, time]
    std::vector<toolkit::LossPoint> m_lossCurve;
    std::vector<toolkit::LossPoint> m_validationCurve;
    double m_finalLrFactor = 1.0;
};

} // namespace mirstudio::openunmix
