// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/chunkscheme.h"
#include "plugins/tfctdf/stemclip.h"
#include "plugins/tfctdf/unet.h"
#include "plugins/toolkit/trainer.h"

#include <torch/torch.h>

#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace mirstudio::sdk { class JobContext; }

namespace mirstudio::tfctdf {

/** Settings of one training run (plain value). The defaults make the project's small model. */
struct TfcTdfTrainSettings
{
    UNetConfig model = smallModel();
    int64_t steps = 1000;
    int batchSize = 8;
    double learningRate = 1e-3;        ///< Adam, as the official training scripts
    double gainMin = 0.25, gainMax = 1.25;  ///< random gain of target and rest per excerpt
    uint64_t seed = 42;
    QString checkpointPath;            ///< toolkit::Trainer checkpoint (resume state); empty: none

    /** TFC-TDF, Conv2d sampling, 5 blocks, 16 channels, 3 dense layers, n_fft 1024, 64 frames
     *  (about 0.75 s per chunk): trains on one CPU core in minutes; < 1 MB of weights. */
    static UNetConfig smallModel();
};

/**
 * Trains one complex-as-channels U-Net for one target, as the official code does in miniature:
 * random excerpts of ChunkScheme::paper(model).length samples from the clips it was given, a
 * random gain on target and rest (mixture = gained target + gained rest), the uncentred STFT of
 * the separator on both, and the training loss of the paper's notebooks: MSE between the network's
 * complex-as-channels output and the target's spectrogram (spec_mse). Adam through
 * toolkit::Trainer. Deterministic for a seed on one torch thread.
 *
 * Owns the clips (memory = their samples). One thread at a time; train() blocks.
 */
class TfcTdfTrainer
{
public:
    explicit TfcTdfTrainer(const TfcTdfTrainSettings &settings);

    /** Adds a training clip; one shorter than a chunk is zero-padded to a chunk. */
    void addClip(const StemClip &clip);
    int clipCount() const { return int(m_targets.size()); }

    /** Called after every step with its loss; may throw to stop. */
    using Progress = std::function<void(int64_t step, double loss)>;

    /**
     * Seeds torch, builds a fresh network, trains settings.steps steps and returns it in eval
     * mode. Polls `ctx` for cancel (then returns the network as it is). Throws
     * std::invalid_argument without clips, std::runtime_error when the loss diverges.
     */
    UNet train(sdk::JobContext *ctx = nullptr, const Progress &progress = {});

    /** The loss curve of the last train(). */
    const std::vector<toolkit::LossPoint> &lossCurve() const { return m_curve; }

private:
    /** Mixture and target spectrograms [B, 4, F, T] of one random batch. */
    std::pair<torch::Tensor, torch::Tensor> drawBatch(const class ChunkedSeparator &stft) const;

    TfcTdfTrainSettings m_settings;
    ChunkScheme m_scheme;
    std::vector<torch::Tensor> m_targets, m_rests;
    std::vector<toolkit::LossPoint> m_curve;
};

} // namespace mirstudio::tfctdf
