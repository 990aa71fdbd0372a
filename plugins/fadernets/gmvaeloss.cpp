// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/gmvaeloss.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::fadernets {

namespace {

torch::Tensor nll(const torch::Tensor &logProbs, const torch::Tensor &target)
{
    return torch::nll_loss(logProbs.reshape({-1, logProbs.size(-1)}), target.reshape({-1}));
}

/** KL(N(mu, std) || N(muP, stdP)) per element. */
torch::Tensor normalKl(const torch::Tensor &mu, const torch::Tensor &std, const torch::Tensor &muP,
                       const torch::Tensor &stdP)
{
    const auto varRatio = (std / stdP).pow(2);
    const auto t1 = ((mu - muP) / stdP).pow(2);
    return 0.5 * (varRatio + t1 - 1 - varRatio.log());
}

torch::Tensor latentKl(const GaussianPosterior &q, const ComponentPosterior &qy,
                       const torch::Tensor &means, const torch::Tensor &logvars)
{
    auto total = torch::zeros({}, q.mu.options());
    for (int64_t k = 0; k < means.size(0); ++k) {
        const auto kl = normalKl(q.mu, q.std, means[k], logvars[k].exp()).mean(-1) * qy.qy.select(1, k);
        total = total + kl.mean();
    }
    return total;
}

torch::Tensor classKl(const ComponentPosterior &qy)
{
    const double K = double(qy.qy.size(1));
    const auto h = (qy.qy * torch::log_softmax(qy.logLogit, 1)).mean(1);
    return (h - std::log(1.0 / K)).mean();
}

} // namespace

double annealedBeta(int64_t step, double beta)
{
    if (step < 1000)
        return 0.0;
    return std::max(0.0, std::min(double(step - 10000) / 10000.0 * beta, beta));
}

torch::Tensor attributeRegularisation(const torch::Tensor &latentDim, const torch::Tensor &attribute)
{
    const auto dz = latentDim.reshape({-1, 1}) - latentDim.reshape({1, -1});
    const auto da = attribute.reshape({-1, 1}) - attribute.reshape({1, -1});
    return torch::mse_loss(torch::tanh(dz), torch::sign(da).to(dz.dtype()));
}

GmvaeLossTerms gmvaeLoss(MusicAttrGmvaeImpl &model, const GmvaeOutput &out,
                         const SegmentBatch &batch, int64_t step, double beta)
{
    GmvaeLossTerms t;
    t.ceEvents = nll(out.out, batch.tokens);
    t.ceRhythm = nll(out.rOut, batch.rhythm);
    t.ceNotes = nll(out.nOut, batch.notes);
    const auto &params = model.named_parameters();
    t.kldLatent = latentKl(out.rhythm, out.qyR, params["mu_r_lookup.weight"],
                           params["logvar_r_lookup.weight"])
                  + latentKl(out.note, out.qyN, params["mu_n_lookup.weight"],
                             params["logvar_n_lookup.weight"]);
    t.kldClass = classKl(out.qyR) + classKl(out.qyN);
    t.regRhythm = attributeRegularisation(out.zR.select(1, 0), batch.rhythmDensity);
    t.regNote = attributeRegularisation(out.zN.select(1, 0), batch.noteDensity);
    t.total = 5.0 * t.ceEvents + t.ceRhythm + t.ceNotes
              + annealedBeta(step, beta) * (t.kldLatent + t.kldClass) + t.regRhythm + t.regNote;
    return t;
}

} // namespace mirstudio::fadernets
