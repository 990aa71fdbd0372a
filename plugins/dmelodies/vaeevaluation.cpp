// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/vaeevaluation.h"

#include "plugins/dmelodies/melodysplit.h"
#include "plugins/dmelodies/melodytokens.h"
#include "plugins/toolkit/disentanglement.h"

#include <algorithm>

namespace mirstudio::dmelodies {

VaeEvaluationResult VaeEvaluation::run(VaeModel &model, int64_t items, uint64_t seed)
{
    torch::NoGradGuard guard;
    model.module().eval();
    torch::manual_seed(seed);
    auto test = MelodySplit::indices(MelodySplit::Part::Test, seed);
    test.resize(size_t(std::min<int64_t>(items, int64_t(test.size()))));
    std::vector<torch::Tensor> codes;
    int64_t hits = 0;
    constexpr int64_t kBatch = 512;
    for (size_t from = 0; from < test.size(); from += kBatch) {
        const std::vector<int64_t> ids(test.begin() + long(from), test.begin() + long(std::min(test.size(), from + kBatch)));
        const auto tokens = MelodyTokens::batch(ids);
        const auto post = model.encode(tokens);
        const auto z = post.sample(torch::randn_like(post.mean));
        codes.push_back(z);
        hits += model.decode(z).argmax(-1).eq(tokens).sum().item<int64_t>();
    }
    const auto z = torch::cat(codes);
    const auto factors = MelodyTokens::factorBatch(test);
    VaeEvaluationResult r;
    r.items = int64_t(test.size());
    const auto mig = toolkit::Disentanglement::mig(z, factors);
    r.mig = mig.mig;
    r.migPerFactor = mig.perFactor;
    const int64_t trainPart = int64_t(double(r.items) * 0.6);
    r.modularity = toolkit::Disentanglement::modularity(z.slice(0, 0, trainPart), factors.slice(0, 0, trainPart));
    r.sap = toolkit::Disentanglement::sap(z, factors);
    r.accuracy = double(hits) / double(r.items * kSequenceLength);
    return r;
}

QString VaeEvaluation::markdownRow(const QString &label, const VaeEvaluationResult &r)
{
    return QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
        .arg(label)
        .arg(r.mig, 0, 'f', 3)
        .arg(r.modularity, 0, 'f', 3)
        .arg(r.sap, 0, 'f', 3)
        .arg(r.accuracy * 100.0, 0, 'f', 1);
}

} // namespace mirstudio::dmelodies
