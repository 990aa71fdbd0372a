// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxtrainer.h"

#include "plugins/openunmix/plateauschedule.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/stft.h"

#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

toolkit::StftConfig stftOf(const TrainConfig &c, bool center)
{
    toolkit::StftConfig s;
    s.nFft = c.nFft;
    s.hop = c.hop;
    s.center = center;
    return s;
}

int64_t excerptSamples(const TrainConfig &c)
{
    return int64_t(c.frames - 1) * c.hop + c.nFft;
}

/** Sum over targets of the MSE between each model's output and its target magnitude. */
torch::Tensor targetLosses(std::vector<TargetModel> &models, const torch::Tensor &batch,
                           std::vector<double> &perTarget)
{
    const auto input = batch.sum(1).abs();
    torch::Tensor total;
    perTarget.clear();
    for (size_t j = 0; j < models.size(); ++j) {
        const auto loss = torch::mse_loss(models[j].model->forward(input), batch.select(1, int64_t(j)).abs());
        perTarget.push_back(loss.item<double>());
        total = total.defined() ? total + loss : loss;
    }
    return total;
}

} // namespace

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
    auto stems = torch::stack(song.stems, 0);           // [stems, channels, time]
    if (m_config.model.nbChannels == 1)
        stems = stems.mean(1, true);
    else if (stems.size(1) == 1)
        stems = stems.expand({-1, m_config.model.nbChannels, -1});
    if (stems.size(-1) < excerptSamples(m_config))
        throw std::invalid_argument("UmxTrainer: song " + song.name + " is shorter than one excerpt");
    m_songs.push_back(stems.to(torch::kFloat32).contiguous());
}

torch::Tensor UmxTrainer::inputStatistics() const
{
    // Running per-bin sums over every frame and channel of every training mixture.
    torch::Tensor sum, sumSq;
    double count = 0.0;
    for (const auto &s : m_songs) {
        const auto mag = toolkit::stft(s.sum(0), stftOf(m_config, true)).abs().to(torch::kFloat64);
        const auto perBin = mag.transpose(0, 1).reshape({mag.size(1), -1});   // [bins, channels*frames]
        sum = sum.defined() ? sum + perBin.sum(1) : perBin.sum(1);
        sumSq = sumSq.defined() ? sumSq + perBin.square().sum(1) : perBin.square().sum(1);
        count += double(perBin.size(1));
    }
    const auto mean = sum / count;
    auto std = (sumSq / count - mean.square()).clamp_min(0.0).sqrt();
    std = torch::maximum(std, 1e-4 * std.max());  // as the official get_statistics
    return torch::stack({mean, std}).to(torch::kFloat32);
}

torch::Tensor UmxTrainer::drawBatch(int64_t size, bool augment) const
{
    const int64_t length = excerptSamples(m_config);
    const int64_t nbSources = int64_t(m_targetNames.size());
    std::vector<torch::Tensor> excerpts;
    for (int64_t b = 0; b < size; ++b) {
        const auto &song = m_songs[size_t(torch::randint(int64_t(m_songs.size()), {1}).item<int64_t>())];
        const int64_t start = torch::randint(song.size(-1) - length + 1, {1}).item<int64_t>();
        auto excerpt = song.narrow(-1, start, length);  // [stems, channels, samples]
        if (augment) {
            excerpt = excerpt * (torch::rand({nbSources, 1, 1}) * (m_config.gainMax - m_config.gainMin)
                                 + m_config.gainMin);
            if (m_config.channelSwap && excerpt.size(1) == 2) {
                const auto swap = torch::rand({nbSources}) < 0.5;
                excerpt = torch::where(swap.view({nbSources, 1, 1}), excerpt.flip(1), excerpt);
            }
        }
        excerpts.push_back(excerpt);
    }
    const auto audio = torch::stack(excerpts, 0);       // [B, stems, channels, samples]
    const auto spec = toolkit::stft(audio.reshape({-1, length}), stftOf(m_config, false));
    return spec.reshape({audio.size(0), audio.size(1), audio.size(2), spec.size(-2), spec.size(-1)});
}

std::vector<TargetModel> UmxTrainer::train(const Progress &progress, sdk::JobContext *ctx)
{
    if (m_songs.empty())
        throw std::invalid_argument("UmxTrainer: no training songs");
    torch::manual_seed(m_config.seed);
    const auto stats = inputStatistics();
    const int maxBin = m_config.model.maxBin;
    torch::nn::Module bundle;
    std::vector<TargetModel> models;
    for (const auto &name : m_targetNames) {
        OpenUnmix model(m_config.model);
        {
            torch::NoGradGuard noGrad;
            model->named_parameters()["input_mean"].copy_(-stats[0].narrow(0, 0, maxBin));
            model->named_parameters()["input_scale"].copy_(1.0 / stats[1].narrow(0, 0, maxBin));
        }
        bundle.register_module(name, model.ptr());
        models.push_back({name, model});
    }
    const bool plateau = m_config.validateEvery > 0 && m_config.validationExcerpts > 0;
    const torch::Tensor validation = plateau ? drawBatch(m_config.validationExcerpts, false) : torch::Tensor();

    toolkit::TrainerConfig tc;
    tc.optimizer = toolkit::OptimizerKind::Adam;
    tc.learningRate = m_config.learningRate;
    tc.weightDecay = m_config.weightDecay;
    tc.totalSteps = m_config.steps;
    tc.seed = m_config.seed;
    tc.validateEvery = plateau ? m_config.validateEvery : 0;
    tc.checkpointPath = m_config.checkpointPath;
    tc.checkpointEvery = m_config.checkpointEvery;
    toolkit::Trainer trainer(bundle, tc);
    PlateauSchedule schedule(m_config.plateauFactor, m_config.plateauPatience, m_config.plateauCooldown);
    std::vector<double> losses;
    if (plateau) {
        trainer.setValidation([&](int64_t) {
            std::vector<double> perTarget;
            const double value = targetLosses(models, validation, perTarget).item<double>() / double(models.size());
            trainer.setLearningRateFactor(schedule.observe(value));
            return value;
        });
    }
    const auto outcome = trainer.run([&](int64_t step) {
        auto loss = targetLosses(models, drawBatch(m_config.batchSize, true), losses);
        if (progress)
            progress(int(step), losses);
        return loss;
    }, ctx);
    m_lossCurve = trainer.lossCurve();
    m_validationCurve = trainer.validationCurve();
    m_finalLrFactor = trainer.learningRateFactor();
    if (outcome.cancelled)
        throw sdk::Cancelled();
    for (auto &m : models)
        m.model->eval();
    return models;
}

} // namespace mirstudio::openunmix
