// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxtrainer.h"

#include "plugins/openunmix/umxweights.h"
#include "plugins/toolkit/stft.h"

#include <stdexcept>

namespace mirstudio::openunmix {

UmxConfig TrainConfig::smallModel()
{
    UmxConfig c;
    c.nbChannels = 1;
    c.hiddenSize = 64;
    c.nbLayers = 3;
    c.maxBin = UmxConfig::bandwidthToMaxBin(44100.0, 4096, 8000.0);
    return c;
}

UmxTrainer::UmxTrainer(const TrainConfig &config, std::vector<std::string> targetNames)
    : m_config(config)
    , m_targetNames(std::move(targetNames))
{
    if (m_targetNames.empty())
        throw std::invalid_argument("UmxTrainer: no targets");
    if (config.model.nbBins != config.nFft / 2 + 1)
        throw std::invalid_argument("UmxTrainer: model bins do not fit the STFT size");
}

void UmxTrainer::addSong(const StemSong &song)
{
    if (song.stems.size() != m_targetNames.size())
        throw std::invalid_argument("UmxTrainer: song " + song.name + " has the wrong number of stems");
    toolkit::StftConfig stft;
    stft.nFft = m_config.nFft;
    stft.hop = m_config.hop;
    auto stems = torch::stack(song.stems, 0);           // [stems, channels, time]
    if (m_config.model.nbChannels == 1)
        stems = stems.mean(1, true);
    else if (stems.size(1) == 1)
        stems = stems.expand({-1, m_config.model.nbChannels, -1});
    const auto spec = toolkit::stft(stems.contiguous(), stft);
    if (spec.size(-1) < m_config.frames)
        throw std::invalid_argument("UmxTrainer: song " + song.name + " is shorter than one excerpt");
    m_songStfts.push_back(spec);
}

torch::Tensor UmxTrainer::inputStatistics() const
{
    std::vector<torch::Tensor> mags;
    for (const auto &s : m_songStfts) // [channels, bins, frames] → [frames * channels, bins]
        mags.push_back(s.sum(0).abs().permute({2, 0, 1}).reshape({-1, s.size(2)}));
    const auto all = torch::cat(mags, 0);
    const auto mean = all.mean(0);
    auto std = all.std(0, false);
    std = torch::maximum(std, 1e-4 * std.max());  // as the official get_statistics
    return torch::stack({mean, std});
}

std::vector<TargetModel> UmxTrainer::train(const Progress &progress)
{
    if (m_songStfts.empty())
        throw std::invalid_argument("UmxTrainer: no training songs");
    torch::manual_seed(m_config.seed);
    const auto stats = inputStatistics();
    const int maxBin = m_config.model.maxBin;
    std::vector<TargetModel> models;
    std::vector<std::unique_ptr<torch::optim::Adam>> optimisers;
    for (const auto &name : m_targetNames) {
        OpenUnmix model(m_config.model);
        {
            torch::NoGradGuard noGrad;
            model->named_parameters()["input_mean"].copy_(-stats[0].narrow(0, 0, maxBin));
            model->named_parameters()["input_scale"].copy_(1.0 / stats[1].narrow(0, 0, maxBin));
        }
        model->train();
        optimisers.push_back(std::make_unique<torch::optim::Adam>(
            model->parameters(),
            torch::optim::AdamOptions(m_config.learningRate).weight_decay(m_config.weightDecay)));
        models.push_back({name, model});
    }
    const int64_t nbSources = int64_t(m_targetNames.size());
    for (int step = 0; step < m_config.steps; ++step) {
        std::vector<torch::Tensor> excerpts;
        for (int b = 0; b < m_config.batchSize; ++b) {
            const auto &song = m_songStfts[size_t(torch::randint(int64_t(m_songStfts.size()), {1}).item<int64_t>())];
            const int64_t start = torch::randint(song.size(-1) - m_config.frames + 1, {1}).item<int64_t>();
            const auto gains = torch::rand({nbSources, 1, 1, 1}) * (m_config.gainMax - m_config.gainMin)
                               + m_config.gainMin;
            excerpts.push_back(song.narrow(-1, start, m_config.frames) * gains);
        }
        const auto batch = torch::stack(excerpts, 0);       // [B, stems, channels, bins, frames]
        const auto input = batch.sum(1).abs();
        std::vector<double> losses;
        for (int64_t j = 0; j < nbSources; ++j) {
            const auto target = batch.select(1, j).abs();
            const auto loss = torch::mse_loss(models[size_t(j)].model->forward(input), target);
            optimisers[size_t(j)]->zero_grad();
            loss.backward();
            optimisers[size_t(j)]->step();
            losses.push_back(loss.item<double>());
        }
        if (progress)
            progress(step, losses);
    }
    for (auto &m : models)
        m.model->eval();
    return models;
}

} // namespace mirstudio::openunmix
