// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/musicattrgmvae.h"
#include "plugins/fadernets/segmentbatch.h"

#include <QString>
#include <functional>
#include <vector>

namespace mirstudio::fadernets {

/** Settings of a small FaderNets training run. A plain value. */
struct GmvaeTrainConfig
{
    GmvaeConfig model{342, 3, 16, 24, 128, 32, 2, 16};
    int steps = 300;
    int batch = 16;
    double learningRate = 1e-3;  ///< gmm_model_config.json
    double beta = 0.1;           ///< KL weight after annealing
    std::uint64_t seed = 0;
};

/**
 * Trains the GM-VAE with the official unsupervised objective (gmvaeLoss: teacher-forced global
 * decoder, Adam, gradient norm clipped to 1) on FaderNets segments. Deterministic for a seed on
 * one thread: torch's generator and the batch order are seeded. Not thread-safe; one run per
 * instance.
 */
class GmvaeTrainer
{
public:
    /** Called after every step with the step (1-based) and the total loss; false stops. */
    using Progress = std::function<bool(int step, double loss)>;
    /** Called every `checkpointEvery` steps with the model in training mode (e.g. to save it). */
    using Checkpoint = std::function<void(int step, const MusicAttrGmvae &model)>;

    explicit GmvaeTrainer(GmvaeTrainConfig config) : m_config(std::move(config)) {}

    /** Segments of every MIDI file under `dir` in the training (`valid` false) or valid split. */
    static std::vector<Segment> loadSegments(const QString &dir, bool valid, int maxFiles = 0);
    /** Trains a fresh model on `segments`; the loss of each step goes to `progress`. */
    MusicAttrGmvae train(const std::vector<Segment> &segments, const Progress &progress = {},
                         const Checkpoint &checkpoint = {}, int checkpointEvery = 0);

private:
    GmvaeTrainConfig m_config;
};

} // namespace mirstudio::fadernets
