// SPDX-License-Identifier: GPL-3.0-or-later
// fadernets-train: trains the shipped small FaderNets GM-VAE and measures its controllability.
//   fadernets-train --data DIR --out FILE [--steps N] [--seed S] [--hidden H] [--z Z] [--batch B]
//                   [--checkpoint-every K]   (also writes FILE.step<k>.pt every K steps)
//   fadernets-train --data DIR --evaluate FILE [--samples N] [--seed S]
//   fadernets-train --reconstruct FILE   (greedy tokens of referencePhrase(), one line per segment)
#include "plugins/fadernets/controllabilityevaluation.h"
#include "plugins/fadernets/gmvaetrainer.h"
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/fadernets/referencephrase.h"

#include <QCoreApplication>
#include <QMap>
#include <chrono>
#include <cstdio>

using namespace mirstudio::fadernets;

namespace {

void printScores(const char *name, const FaderScores &s)
{
    std::printf("%s: consistency %.4f restrictiveness %.4f linearity %.4f\n", name, s.consistency,
                s.restrictiveness, s.linearity);
}

int evaluate(const QString &data, const QString &weights, int samples, std::uint64_t seed)
{
    const auto train = GmvaeTrainer::loadSegments(data, false);
    const auto test = GmvaeTrainer::loadSegments(data, true);
    const double rStd = ControllabilityEvaluation::attributeStd(train, true);
    const double nStd = ControllabilityEvaluation::attributeStd(train, false);
    std::printf("train segments %zu, valid segments %zu, std rhythm %.4f note %.4f\n", train.size(),
                test.size(), rStd, nStd);
    FaderCodec codec(loadGmvae(weights));
    ControllabilityEvaluation::Settings settings;
    settings.samples = samples;
    settings.seed = seed;
    printScores("rhythm density fader", ControllabilityEvaluation::evaluate(
                                            codec, Fader::RhythmDensity, test, rStd, nStd, settings));
    printScores("note density fader", ControllabilityEvaluation::evaluate(
                                          codec, Fader::NoteDensity, test, rStd, nStd, settings));
    return 0;
}

int reconstruct(const QString &weights)
{
    FaderCodec codec(loadGmvae(weights));
    const auto rows = codec.decodeTokens(codec.encode(SegmentCutter::cut(referencePhrase(), true)));
    for (const auto &row : rows) {
        for (size_t i = 0; i < row.size(); ++i)
            std::printf(i ? " %lld" : "%lld", static_cast<long long>(row[i]));
        std::printf("\n");
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    at::set_num_threads(1);
    QMap<QString, QString> args;
    const auto list = app.arguments();
    for (int i = 1; i + 1 < list.size(); i += 2)
        args.insert(list[i], list[i + 1]);
    if (args.contains(QStringLiteral("--reconstruct")))
        return reconstruct(args.value(QStringLiteral("--reconstruct")));
    const QString data = args.value(QStringLiteral("--data"));
    const auto seed = args.value(QStringLiteral("--seed"), QStringLiteral("0")).toULongLong();
    if (data.isEmpty()) {
        std::fprintf(stderr, "usage: fadernets-train --data DIR (--out FILE | --evaluate FILE) ...\n");
        return 2;
    }
    if (args.contains(QStringLiteral("--evaluate")))
        return evaluate(data, args.value(QStringLiteral("--evaluate")),
                        args.value(QStringLiteral("--samples"), QStringLiteral("20")).toInt(), seed);
    GmvaeTrainConfig config;
    config.seed = seed;
    config.steps = args.value(QStringLiteral("--steps"), QString::number(config.steps)).toInt();
    config.batch = args.value(QStringLiteral("--batch"), QString::number(config.batch)).toInt();
    config.model.hiddenDims = args.value(QStringLiteral("--hidden"), QString::number(config.model.hiddenDims)).toInt();
    config.model.zDims = args.value(QStringLiteral("--z"), QString::number(config.model.zDims)).toInt();
    const auto segments = GmvaeTrainer::loadSegments(data, false);
    std::printf("%zu training segments\n", segments.size());
    const auto t0 = std::chrono::steady_clock::now();
    GmvaeTrainer trainer(config);
    const QString out = args.value(QStringLiteral("--out"));
    const auto progress = [&](int step, double loss) {
        if (step % 25 == 0 || step == 1)
            std::printf("step %d loss %.4f (%.0f s)\n", step, loss,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        std::fflush(stdout);
        return true;
    };
    const auto checkpoint = [&](int step, const MusicAttrGmvae &m) {
        saveGmvaeWeights(*m, out + QStringLiteral(".step%1.pt").arg(step));
    };
    const auto model = trainer.train(segments, progress, checkpoint,
                                     args.value(QStringLiteral("--checkpoint-every"), QStringLiteral("0")).toInt());
    saveGmvaeWeights(*model, out);
    return 0;
}
