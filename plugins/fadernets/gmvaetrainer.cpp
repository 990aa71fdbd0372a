// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/gmvaetrainer.h"

#include "plugins/fadernets/gmvaeloss.h"
#include "plugins/toolkit/midifolderdataset.h"

#include <random>
#include <stdexcept>

namespace mirstudio::fadernets {

std::vector<Segment> GmvaeTrainer::loadSegments(const QString &dir, bool valid, int maxFiles)
{
    auto items = toolkit::readMidiFolder(dir);
    std::vector<Segment> out;
    int files = 0;
    for (const auto &item : items) {
        if ((item.split == toolkit::DatasetSplit::Valid) != valid)
            continue;
        if (maxFiles > 0 && files++ >= maxFiles)
            break;
        for (auto &s : SegmentCutter::cut(item.notes, false))
            out.push_back(std::move(s));
    }
    return out;
}

MusicAttrGmvae GmvaeTrainer::train(const std::vector<Segment> &segments, const Progress &progress,
                                   const Checkpoint &checkpoint, int checkpointEvery)
{
    if (segments.size() < 2)
        throw std::runtime_error("training needs at least two segments");
    torch::manual_seed(m_config.seed);
    std::mt19937_64 rng(m_config.seed);
    std::uniform_int_distribution<size_t> pick(0, segments.size() - 1);
    MusicAttrGmvae model(m_config.model);
    model->train();
    std::vector<torch::Tensor> trainable;
    for (const auto &p : model->parameters())
        if (p.requires_grad())
            trainable.push_back(p);
    torch::optim::Adam optimiser(trainable, torch::optim::AdamOptions(m_config.learningRate));
    for (int step = 0; step < m_config.steps; ++step) {
        std::vector<Segment> chosen;
        for (int i = 0; i < m_config.batch; ++i)
            chosen.push_back(segments[pick(rng)]);
        const auto b = SegmentBatch::of(chosen, m_config.model);
        const auto epsR = torch::randn({m_config.batch, m_config.model.zDims});
        const auto epsN = torch::randn({m_config.batch, m_config.model.zDims});
        optimiser.zero_grad();
        const auto out = model->forward(b.eventsOneHot, b.rhythmOneHot, b.notesOneHot, b.key,
                                        epsR, epsN, true);
        const auto loss = gmvaeLoss(*model, out, b, step, m_config.beta);
        loss.total.backward();
        torch::nn::utils::clip_grad_norm_(trainable, 1.0);
        optimiser.step();
        if (progress && !progress(step + 1, loss.total.item<double>()))
            break;
        if (checkpoint && checkpointEvery > 0 && (step + 1) % checkpointEvery == 0)
            checkpoint(step + 1, model);
    }
    model->eval();
    return model;
}

} // namespace mirstudio::fadernets
