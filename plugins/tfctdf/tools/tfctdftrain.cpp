// SPDX-License-Identifier: GPL-3.0-or-later
// tfctdf-train: renders a stems folder from MIDI (optional), trains one small TFC-TDF U-Net per
// target on it and scores the models on held-out songs with the toolkit's museval-equivalent SDR.
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/networkfile.h"
#include "plugins/tfctdf/targetscore.h"
#include "plugins/toolkit/bsseval.h"
#include "plugins/tfctdf/tfctdftrainer.h"
#include "plugins/toolkit/stemrenderer.h"
#include "core/media/audiofilewriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <set>

using namespace mirstudio;
using namespace mirstudio::tfctdf;

namespace {

QStringList listOption(const QCommandLineParser &p, const QCommandLineOption &o)
{
    return p.value(o).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

void writeLossCsv(const QString &path, const std::vector<toolkit::LossPoint> &curve)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot write " + path.toStdString());
    QTextStream s(&f);
    s << "step,loss\n";
    for (const auto &p : curve)
        s << p.step << ',' << QString::number(p.value, 'g', 8) << '\n';
}

void trainTarget(const QString &data, const QString &out, const QString &target, const QStringList &songs,
                 const TfcTdfTrainSettings &settings)
{
    QElapsedTimer clock;
    clock.start();
    TfcTdfTrainer trainer(settings);
    for (const QString &song : songs)
        trainer.addClip(readStemClip(QDir(data).filePath(song), target));
    const UNet net = trainer.train(nullptr, [&](int64_t step, double loss) {
        if (step % 25 == 0 || step + 1 == settings.steps)
            std::printf("%s step %lld loss %.6f (%.0f s)\n", qPrintable(target), static_cast<long long>(step), loss,
                        clock.elapsed() / 1000.0);
        std::fflush(stdout);
    });
    saveNetwork(*net, QDir(out).filePath(target + QStringLiteral(".pt")).toStdString());
    writeLossCsv(QDir(out).filePath(target + QStringLiteral("_loss.csv")), trainer.lossCurve());
    std::printf("%s: trained %lld steps on %d songs in %.1f s\n", qPrintable(target),
                static_cast<long long>(settings.steps), int(songs.size()), clock.elapsed() / 1000.0);
}

void evaluateTarget(const QString &data, const QString &out, const QString &target, const QStringList &songs,
                    const UNetConfig &config)
{
    ChunkedSeparator separator(loadNetwork(QDir(out).filePath(target + QStringLiteral(".pt")).toStdString(), config),
                               ChunkScheme::paper(config));
    std::vector<double> sdr, rest, mix;
    for (const QString &song : songs) {
        const TargetScore s = scoreClip(separator, readStemClip(QDir(data).filePath(song), target));
        std::printf("%s %-8s SDR %6.2f dB  (mixture as estimate %6.2f dB; rest SDR %6.2f dB)\n", s.song.c_str(),
                    qPrintable(target), s.target, s.mixtureTarget, s.rest);
        std::fflush(stdout);
        sdr.push_back(s.target);
        rest.push_back(s.rest);
        mix.push_back(s.mixtureTarget);
    }
    std::printf("median %-8s SDR %6.2f dB  (mixture as estimate %6.2f dB; rest %6.2f dB) over %d songs\n",
                qPrintable(target), toolkit::BssEvalResult::median(sdr), toolkit::BssEvalResult::median(mix), toolkit::BssEvalResult::median(rest), int(songs.size()));
}

void writeFlac(const QString &path, const torch::Tensor &audio)
{
    media::AudioData data;
    data.sampleRate = 44100;
    const bool dualMono = torch::equal(audio[0], audio[1]);
    for (int64_t c = 0; c < (dualMono ? 1 : audio.size(0)); ++c) {
        const auto row = audio[c].contiguous();
        data.channels.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
    }
    media::writeAudio(path, data, {media::AudioContainer::Flac, media::AudioSampleFormat::Pcm16});
}

/** `spec` = song:start:seconds; writes <dir>/mixture.flac and <dir>/<target>.flac (16-bit; a
 *  dual-mono stem as mono). */
void exportClip(const QString &data, const QString &spec, const QString &target, const QString &dir)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    if (parts.size() != 3)
        throw std::runtime_error("--export-clip wants song:start:seconds");
    const StemClip clip = readStemClip(QDir(data).filePath(parts[0]), target);
    const int64_t start = int64_t(parts[1].toDouble() * 44100), length = int64_t(parts[2].toDouble() * 44100);
    QDir().mkpath(dir);
    writeFlac(QDir(dir).filePath(QStringLiteral("mixture.flac")), clip.mixture().narrow(1, start, length));
    writeFlac(QDir(dir).filePath(target + QStringLiteral(".flac")), clip.target.narrow(1, start, length));
    std::printf("wrote %s (%s, %s s from %s s)\n", qPrintable(dir), qPrintable(parts[0]), qPrintable(parts[2]),
                qPrintable(parts[1]));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    at::set_num_threads(1);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Train and evaluate small TFC-TDF U-Nets on a stems folder"));
    p.addHelpOption();
    const auto opt = [](const char *name, const char *help, const char *value, const char *def = "") {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value),
                                  QString::fromLatin1(def));
    };
    const auto data = opt("data", "stems folder (rendered there first when --render-from is set and it holds no song)", "dir");
    const auto out = opt("out", "output folder for <target>.pt and <target>_loss.csv", "dir");
    const auto targets = opt("stems", "targets, one model each (comma list)", "names", "bass");
    const auto train = opt("train", "training songs (comma list; default: every song not in --eval)", "songs");
    const auto eval = opt("eval", "held-out songs (comma list)", "songs");
    const auto evalCount = opt("eval-count", "hold out the last n songs (when --eval is not given)", "n", "0");
    const auto steps = opt("steps", "training steps", "n", "1000");
    const auto batch = opt("batch", "excerpts per step", "n", "8");
    const auto seed = opt("seed", "seed", "n", "42");
    const auto lr = opt("lr", "Adam learning rate", "x", "0.001");
    const auto renderFrom = opt("render-from", "MIDI source for renderStemDataset (POP909 root, ...)", "path");
    const auto renderSongs = opt("render-songs", "songs to render", "n", "24");
    const auto renderSeconds = opt("render-seconds", "seconds per rendered song", "s", "30");
    const auto clipSpec = opt("export-clip", "write a 16-bit FLAC excerpt of mixture and first target, then stop",
                              "song:start:seconds");
    const auto clipOut = opt("clip-out", "folder for --export-clip", "dir");
    const QCommandLineOption evalOnly(QStringLiteral("eval-only"), QStringLiteral("skip training, score <out>"));
    p.addOptions({data, out, targets, train, eval, evalCount, steps, batch, seed, lr, renderFrom, renderSongs,
                  renderSeconds, clipSpec, clipOut, evalOnly});
    p.process(app);
    if (p.isSet(clipSpec)) {
        try {
            exportClip(p.value(data), p.value(clipSpec), listOption(p, targets).value(0), p.value(clipOut));
            return 0;
        } catch (const std::exception &e) {
            std::fprintf(stderr, "tfctdf-train: %s\n", e.what());
            return 1;
        }
    }
    if (!p.isSet(data) || !p.isSet(out)) {
        std::fprintf(stderr, "--data and --out are required\n");
        return 2;
    }
    try {
        const QString dataDir = p.value(data);
        if (p.isSet(renderFrom) && (!QDir(dataDir).exists() || stemSongNames(dataDir).empty())) {
            toolkit::StemRenderOptions render;
            render.maxSongs = p.value(renderSongs).toInt();
            render.maxSeconds = p.value(renderSeconds).toDouble();
            render.seed = p.value(seed).toULongLong();
            QDir().mkpath(dataDir);
            const auto songs = toolkit::renderStemDataset(p.value(renderFrom), dataDir, render);
            std::printf("rendered %d songs into %s\n", int(songs.size()), qPrintable(dataDir));
        }
        std::vector<QString> all = stemSongNames(dataDir);
        QStringList evalSongs = listOption(p, eval);
        if (evalSongs.isEmpty()) {
            const int n = std::min<int>(p.value(evalCount).toInt(), int(all.size()));
            for (int i = int(all.size()) - n; i < int(all.size()); ++i)
                evalSongs << all[size_t(i)];
        }
        QStringList trainSongs = listOption(p, train);
        if (trainSongs.isEmpty()) {
            const std::set<QString> held(evalSongs.begin(), evalSongs.end());
            for (const QString &s : all)
                if (!held.count(s))
                    trainSongs << s;
        }
        TfcTdfTrainSettings settings;
        settings.steps = p.value(steps).toLongLong();
        settings.batchSize = p.value(batch).toInt();
        settings.seed = p.value(seed).toULongLong();
        settings.learningRate = p.value(lr).toDouble();
        QDir().mkpath(p.value(out));
        std::printf("train: %s\neval: %s\n", qPrintable(trainSongs.join(QLatin1Char(','))),
                    qPrintable(evalSongs.join(QLatin1Char(','))));
        for (const QString &target : listOption(p, targets)) {
            if (!p.isSet(evalOnly))
                trainTarget(dataDir, p.value(out), target, trainSongs, settings);
            if (!evalSongs.isEmpty())
                evaluateTarget(dataDir, p.value(out), target, evalSongs, settings.model);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "tfctdf-train: %s\n", e.what());
        return 1;
    }
    return 0;
}
