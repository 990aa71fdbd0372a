// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tfctdftrainer.h"

#include "plugins/tfctdf/chunkedseparator.h"

#include <stdexcept>

namespace mirstudio::tfctdf {

UNetConfig TfcTdfTrainSettings::smallModel()
{
    UNetConfig c;
    c.block = BlockType::TfcTdf;
    c.sampling = SamplingType::Conv2d;
    c.numBlocks = 5;
    c.internalChannels = 16;
    c.numLayers = 3;
    c.nFft = 1024;
    c.frames = 64;
    c.tDownLayers = {0, 1};
    return c;
}

TfcTdfTrainer::TfcTdfTrainer(const TfcTdfTrainSettings &settings)
    : m_settings(settings), m_scheme(ChunkScheme::paper(settings.model))
{
    const std::string problem = settings.model.validate();
    if (!problem.empty())
        throw std::invalid_argument("tfctdf training: " + problem);
}

void TfcTdfTrainer::addClip(const StemClip &clip)
{
    const int64_t missing = m_scheme.length - clip.target.size(1);
    const auto padded = [missing](const torch::Tensor &t) {
        return missing > 0 ? torch::constant_pad_nd(t, {0, missing}) : t;
    };
    m_targets.push_back(padded(clip.target.to(torch::kFloat32)).contiguous());
    m_rests.push_back(padded(clip.rest.to(torch::kFloat32)).contiguous());
}

std::pair<torch::Tensor, torch::Tensor> TfcTdfTrainer::drawBatch(const ChunkedSeparator &stft) const
{
    std::vector<torch::Tensor> mixes, targets;
    const int64_t clips = int64_t(m_targets.size());
    for (int b = 0; b < m_settings.batchSize; ++b) {
        const int64_t k = torch::randint(clips, {1}).item<int64_t>();
        const int64_t room = m_targets[k].size(1) - m_scheme.length;
        const int64_t start = room > 0 ? torch::randint(room + 1, {1}).item<int64_t>() : 0;
        const auto gains = torch::rand({2}, torch::kFloat64) * (m_settings.gainMax - m_settings.gainMin)
                           + m_settings.gainMin;
        const auto target = m_targets[k].narrow(1, start, m_scheme.length) * gains[0].item<double>();
        const auto rest = m_rests[k].narrow(1, start, m_scheme.length) * gains[1].item<double>();
        targets.push_back(target);
        mixes.push_back(target + rest);
    }
    return {stft.spectrogram(torch::stack(mixes)), stft.spectrogram(torch::stack(targets))};
}

UNet TfcTdfTrainer::train(sdk::JobContext *ctx, const Progress &progress)
{
    if (m_targets.empty())
        throw std::invalid_argument("tfctdf training: no clips");
    torch::manual_seed(m_settings.seed);
    UNet net(m_settings.model);
    const ChunkedSeparator stft(net, m_scheme);  // for its STFT; it puts the network in eval mode
    net->train();

    toolkit::TrainerConfig config;
    config.optimizer = toolkit::OptimizerKind::Adam;
    config.learningRate = m_settings.learningRate;
    config.totalSteps = m_settings.steps;
    config.seed = m_settings.seed;
    config.checkpointPath = m_settings.checkpointPath;
    toolkit::Trainer trainer(*net, config);
    trainer.run(
        [&](int64_t step) {
            const auto [mix, target] = drawBatch(stft);
            const auto loss = torch::mse_loss(net->forward(mix), target);
            if (progress)
                progress(step, loss.item<double>());
            return loss;
        },
        ctx);
    m_curve = trainer.lossCurve();
    net->eval();
    return net;
}

} // namespace mirstudio::tfctdf
