// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/vaetraining.h"

#include "plugins/dmelodies/factordiscriminator.h"
#include "plugins/dmelodies/melodysplit.h"
#include "plugins/dmelodies/melodytokens.h"

namespace mirstudio::dmelodies {

VaeTrainingResult VaeTraining::run(VaeModel &model, const VaeTrainingConfig &config, sdk::JobContext *ctx)
{
    toolkit::TrainerConfig tc;
    tc.learningRate = config.learningRate;
    tc.totalSteps = config.steps;
    tc.seed = config.seed;
    tc.clipGradNorm = 0.0;
    const auto train = MelodySplit::indices(MelodySplit::Part::Train, config.seed);

    model.module().train();
    toolkit::Trainer trainer(model.module(), tc);
    const bool factor = config.objective.kind == VaeObjective::Kind::Factor;
    FactorDiscriminator disc(model.latentSize());
    torch::optim::Adam discOptim(disc->parameters(), torch::optim::AdamOptions(1e-4).betas({0.8, 0.9}));

    auto loss = [&](int64_t step) {
        std::vector<int64_t> ids(size_t(config.batch));
        for (int64_t i = 0; i < config.batch; ++i)
            ids[size_t(i)] = train[size_t((step * config.batch + i) % int64_t(train.size()))];
        const auto tokens = MelodyTokens::batch(ids);
        const bool teacher = torch::rand({1}).item<double>() < config.teacherForcing;
        const auto eps = torch::randn({config.batch, model.latentSize()});
        const auto out = model.forward(tokens, eps, teacher);
        const auto recon = torch::nn::functional::cross_entropy(out.scores.reshape({-1, kTokenCount}), tokens.reshape({-1}));
        const auto kl = out.posterior.klToStandardNormal().mean();
        auto total = recon + config.objective.klTerm(kl, step);
        if (factor) {
            // One discriminator step on (z, permuted z) with the codes detached, then the TC
            // estimate of the updated discriminator on q(z) (its parameters are not changed again
            // before the Trainer's backward pass).
            const auto zd = out.z.detach();
            const auto joint = disc->forward(zd);
            const auto marginal = disc->forward(FactorDiscriminatorImpl::permuteDims(zd));
            const auto zeros = torch::zeros({config.batch}, torch::kLong);
            const auto discLoss = 0.5 * (torch::nn::functional::cross_entropy(joint, zeros)
                                         + torch::nn::functional::cross_entropy(marginal, zeros + 1));
            discOptim.zero_grad();
            discLoss.backward();
            discOptim.step();
            discOptim.zero_grad();
            const auto logits = disc->forward(out.z);
            total = total + config.objective.gamma * (logits.select(1, 0) - logits.select(1, 1)).mean();
        }
        return total;
    };

    const auto outcome = trainer.run(loss, ctx);
    model.module().eval();
    VaeTrainingResult result;
    result.curve = trainer.lossCurve();
    result.cancelled = outcome.cancelled;
    if (!result.curve.empty()) {
        result.firstLoss = result.curve.front().value;
        result.lastLoss = result.curve.back().value;
    }
    return result;
}

} // namespace mirstudio::dmelodies
