// SPDX-License-Identifier: GPL-3.0-or-later
// dmelodies-tool: trains a benchmark VAE on generated dMelodies and evaluates it (MIG, Modularity,
// SAP, reconstruction accuracy), printing a Markdown row for docs/results.md.
//   dmelodies-tool train --model cnn|rnn --objective beta|annealed|factor --steps N [--batch B]
//                        [--seed S] [--lr LR] [--beta B] [--capacity C] [--gamma G] [--anneal T]
//                        [--warmup W] --out DIR      (writes DIR/<model>.pt and DIR/<model>_loss.csv)
//     --anneal defaults to steps / 2; β / C / γ default to VaeObjective::defaults (1 / 50 / 10).
//   dmelodies-tool evaluate --model cnn|rnn --weights FILE [--items N] [--seed S] [--label TEXT]
#include "plugins/dmelodies/vaeevaluation.h"
#include "plugins/dmelodies/vaetraining.h"
#include "plugins/toolkit/threads.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>
#include <cstdio>

using namespace mirstudio::dmelodies;

namespace {

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

int train(const QStringList &args)
{
    const QString name = option(args, QStringLiteral("--model"), QStringLiteral("cnn"));
    const QString out = option(args, QStringLiteral("--out"));
    torch::manual_seed(option(args, QStringLiteral("--seed"), QStringLiteral("0")).toULongLong()); // initial weights
    VaeModel model(VaeModel::kindFromName(name));
    VaeTrainingConfig config;
    config.objective = VaeObjective::defaults(VaeObjective::kindFromName(option(args, QStringLiteral("--objective"),
                                                                                QStringLiteral("beta"))));
    config.steps = option(args, QStringLiteral("--steps"), QStringLiteral("2000")).toLongLong();
    config.objective.annealSteps = option(args, QStringLiteral("--anneal"),
                                          QString::number(std::max<int64_t>(1, config.steps / 2))).toLongLong();
    config.objective.warmupSteps = option(args, QStringLiteral("--warmup"), QStringLiteral("0")).toLongLong();
    config.objective.beta = option(args, QStringLiteral("--beta"), QString::number(config.objective.beta)).toDouble();
    config.objective.capacity = option(args, QStringLiteral("--capacity"),
                                       QString::number(config.objective.capacity)).toDouble();
    config.objective.gamma = option(args, QStringLiteral("--gamma"), QString::number(config.objective.gamma)).toDouble();
    config.batch = option(args, QStringLiteral("--batch"), QStringLiteral("64")).toLongLong();
    config.seed = option(args, QStringLiteral("--seed"), QStringLiteral("0")).toULongLong();
    config.learningRate = option(args, QStringLiteral("--lr"), QStringLiteral("0.001")).toDouble();
    const auto result = VaeTraining::run(model, config);
    QDir().mkpath(out);
    model.saveWeights(QDir(out).filePath(name + QStringLiteral(".pt")));
    QFile csv(QDir(out).filePath(name + QStringLiteral("_loss.csv")));
    if (csv.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QTextStream s(&csv);
        s << "step,loss\n";
        for (const auto &p : result.curve)
            s << p.step << ',' << p.value << '\n';
    }
    std::printf("trained %s (%s) %lld steps: loss %.4f -> %.4f\n", qPrintable(name),
                qPrintable(option(args, QStringLiteral("--objective"), QStringLiteral("beta"))),
                static_cast<long long>(config.steps), result.firstLoss, result.lastLoss);
    return 0;
}

int evaluate(const QStringList &args)
{
    const QString name = option(args, QStringLiteral("--model"), QStringLiteral("cnn"));
    VaeModel model(VaeModel::kindFromName(name));
    model.loadWeights(option(args, QStringLiteral("--weights")));
    const auto r = VaeEvaluation::run(model, option(args, QStringLiteral("--items"), QStringLiteral("5000")).toLongLong(),
                                      option(args, QStringLiteral("--seed"), QStringLiteral("0")).toULongLong());
    std::printf("%s\n", qPrintable(VaeEvaluation::markdownRow(option(args, QStringLiteral("--label"), name), r)));
    std::printf("MIG per factor:");
    for (const double v : r.migPerFactor)
        std::printf(" %.3f", v);
    std::printf("  (%lld test melodies)\n", static_cast<long long>(r.items));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    mirstudio::toolkit::applyTorchThreadSettings();
    const QStringList args = app.arguments();
    try {
        if (args.size() > 1 && args[1] == QLatin1String("train"))
            return train(args);
        if (args.size() > 1 && args[1] == QLatin1String("evaluate"))
            return evaluate(args);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "dmelodies-tool: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: dmelodies-tool train|evaluate ... (see the source header)\n");
    return 2;
}
