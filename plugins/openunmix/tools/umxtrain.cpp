// SPDX-License-Identifier: GPL-3.0-or-later
// umx-train: trains the project's small Open-Unmix models through the plugin's "train" method,
// then scores them on held-out songs with the toolkit's museval-equivalent SDR. With --render it
// first renders aligned stems from a symbolic dataset (toolkit::renderStemDataset) into --data.
#include "plugins/openunmix/openunmixplugin.h"
#include "plugins/openunmix/targetmodels.h"
#include "plugins/openunmix/tools/consolejobcontext.h"
#include "plugins/openunmix/umxevaluation.h"
#include "plugins/toolkit/bsseval.h"
#include "plugins/toolkit/stemrenderer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <stdexcept>

using namespace mirstudio;
using namespace mirstudio::openunmix;

namespace {

void evaluate(const std::string &data, const QStringList &songs, const std::string &modelFolder,
              const std::string &renames)
{
    SeparatorConfig config;
    config.wiener.iterations = 1;
    const Separator separator(loadTargetModels(modelFolder), config);
    std::vector<StemName> stems = stemNamesOf(data + "/" + songs.front().toStdString(), renames);
    // The stems in the separator's target order.
    std::vector<StemName> ordered;
    for (const auto &t : separator.targets()) {
        for (const auto &s : stems)
            if (s.target == t.name)
                ordered.push_back(s);
    }
    if (ordered.size() != separator.targets().size())
        throw std::runtime_error("the evaluation songs lack a stem for some target");
    std::vector<std::vector<double>> sdr(ordered.size()), mix(ordered.size());
    for (const QString &song : songs) {
        SongSdr s;
        try {
            s = evaluateSong(separator, readStemSong(data + "/" + song.toStdString(), ordered));
        } catch (const std::invalid_argument &e) {   // museval refuses silent references too
            std::printf("%s skipped: %s\n", qPrintable(song), e.what());
            continue;
        }
        for (size_t j = 0; j < ordered.size(); ++j) {
            std::printf("%s %-10s SDR %6.2f dB  (mixture as estimate %6.2f dB)\n", s.song.c_str(),
                        ordered[j].target.c_str(), s.separated[j], s.mixture[j]);
            std::fflush(stdout);
            sdr[j].push_back(s.separated[j]);
            mix[j].push_back(s.mixture[j]);
        }
    }
    std::vector<double> all, allMix;
    for (size_t j = 0; j < ordered.size(); ++j) {
        std::printf("median %-10s SDR %6.2f dB  (mixture %6.2f dB)\n", ordered[j].target.c_str(),
                    toolkit::BssEvalResult::median(sdr[j]), toolkit::BssEvalResult::median(mix[j]));
        all.insert(all.end(), sdr[j].begin(), sdr[j].end());
        allMix.insert(allMix.end(), mix[j].begin(), mix[j].end());
    }
    std::printf("median all targets SDR %6.2f dB  (mixture %6.2f dB)\n", toolkit::BssEvalResult::median(all), toolkit::BssEvalResult::median(allMix));
    std::fflush(stdout);
}

/** Renders `source` into `outDir` (the stems-folder layout the train method reads). */
void render(const QString &source, const QString &outDir, const toolkit::StemRenderOptions &options,
            sdk::JobContext &ctx)
{
    QElapsedTimer clock;
    clock.start();
    const auto songs = toolkit::renderStemDataset(source, outDir, options, &ctx);
    std::printf("rendered %zu songs from %s into %s in %.1f s\n", songs.size(), qPrintable(source),
                qPrintable(outDir), clock.elapsed() / 1000.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Train and evaluate small Open-Unmix models on a stem folder"));
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("stem folder"), QStringLiteral("dir"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("output folder"), QStringLiteral("dir"));
    const QCommandLineOption train(QStringLiteral("train"), QStringLiteral("training songs (comma list)"), QStringLiteral("songs"));
    const QCommandLineOption eval(QStringLiteral("eval"), QStringLiteral("held-out songs (comma list)"), QStringLiteral("songs"));
    const QCommandLineOption stems(QStringLiteral("stems"), QStringLiteral("renames a=b,c=d"), QStringLiteral("list"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("training steps"), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("seed"), QStringLiteral("n"), QStringLiteral("42"));
    const QCommandLineOption hidden(QStringLiteral("hidden"), QStringLiteral("hidden size"), QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("batch size"), QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption frames(QStringLiteral("frames"), QStringLiteral("STFT frames per excerpt"), QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption only(QStringLiteral("targets"), QStringLiteral("train only these targets (comma list)"), QStringLiteral("names"));
    const QCommandLineOption evalOnly(QStringLiteral("eval-only"), QStringLiteral("skip training, score <out>"));
    const QCommandLineOption renderFrom(QStringLiteral("render"), QStringLiteral("first render stems from this POP909 / Nottingham / MIDI source into --data"), QStringLiteral("source"));
    const QCommandLineOption renderSongs(QStringLiteral("render-songs"), QStringLiteral("songs to render (0 = all)"), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption renderSeconds(QStringLiteral("render-seconds"), QStringLiteral("cut each rendered song here (0 = whole song)"), QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption renderSeed(QStringLiteral("render-seed"), QStringLiteral("programs, velocities and gains"), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption renderOnly(QStringLiteral("render-only"), QStringLiteral("stop after rendering"));
    p.addOptions({data, out, train, eval, stems, steps, seed, hidden, batch, frames, only, evalOnly,
                  renderFrom, renderSongs, renderSeconds, renderSeed, renderOnly});
    p.process(app);
    if (!p.isSet(data) || (!p.isSet(out) && !p.isSet(renderOnly))) {
        std::fprintf(stderr, "--data and --out are required\n");
        return 2;
    }
    try {
        if (p.isSet(renderFrom)) {
            ConsoleJobContext ctx;
            toolkit::StemRenderOptions options;
            options.maxSongs = p.value(renderSongs).toInt();
            options.maxSeconds = p.value(renderSeconds).toDouble();
            options.seed = p.value(renderSeed).toULongLong();
            render(p.value(renderFrom), p.value(data), options, ctx);
            if (p.isSet(renderOnly))
                return 0;
        }
        if (!p.isSet(evalOnly)) {
            QElapsedTimer clock;
            clock.start();
            OpenUnmixPlugin plugin;
            ConsoleJobContext ctx;
            const QVariantMap params{{QStringLiteral("data"), p.value(data)}, {QStringLiteral("out"), p.value(out)},
                                     {QStringLiteral("songs"), p.value(train)}, {QStringLiteral("stems"), p.value(stems)},
                                     {QStringLiteral("steps"), p.value(steps).toInt()},
                                     {QStringLiteral("seed"), p.value(seed).toInt()},
                                     {QStringLiteral("hidden"), p.value(hidden).toInt()},
                                     {QStringLiteral("batch"), p.value(batch).toInt()},
                                     {QStringLiteral("frames"), p.value(frames).toInt()},
                                     {QStringLiteral("targets"), p.value(only)}};
            const auto result = plugin.run(QStringLiteral("train"), {}, params, ctx);
            const sdk::Matrix loss = std::get<sdk::Matrix>(result.value(QStringLiteral("loss")));
            std::printf("trained %d steps in %.1f s; last loss per target:", loss.rows, clock.elapsed() / 1000.0);
            for (int j = 0; j < loss.cols; ++j)
                std::printf(" %s %.4f", qPrintable(loss.colLabels[j]), loss.at(loss.rows - 1, j));
            std::printf("\n");
        }
        if (p.isSet(eval))
            evaluate(p.value(data).toStdString(), p.value(eval).split(QLatin1Char(',')),
                     p.value(out).toStdString(), p.value(stems).toStdString());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "umx-train: %s\n", e.what());
        return 1;
    }
    return 0;
}
