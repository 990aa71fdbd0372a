// SPDX-License-Identifier: GPL-3.0-or-later
// Real-time factor and memory of the two separators on long inputs, with the shipped weights:
// Open-Unmix (Bach10 quartet, four targets, one Wiener EM iteration, the plugin's 15 s chunks with
// 1 s crossfade) and TDC-17 vocals (paper-era 66,560-sample chunks, batch 1).
//
//   bench_separation [SECONDS...]        every model x length (default 10 60 240), one child
//                                        process each; prints a markdown table
//   bench_separation --one MODEL SECONDS one measurement (MODEL: umx or tdc17), key=value lines
//
// Per run: wall and thread-CPU time of the separation, the same for one chunk through the model
// (the baseline: what the chunked loop costs per second of audio beyond the model itself), peak
// RSS of the process during the separation, and its working memory = that peak minus the RSS
// before it (weights, input) minus the output tensor. Input: deterministic noise + 440 Hz tone,
// stereo 44.1 kHz. Run with OMP_WAIT_POLICY=passive; torch uses one thread.
#include "plugins/openunmix/chunkedseparation.h"
#include "plugins/openunmix/targetmodels.h"
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/toolkit/threads.h"

#include "tests/support/processmemory.h"

#include <QCoreApplication>
#include <QFile>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>

namespace {

using namespace mirstudio;
using testsupport::keyedValue;

constexpr double kRate = 44100.0;
const std::string kModels = MIRSTUDIO_SOURCE_ROOT_DIR "/resources/models";

/** Wall and calling-thread CPU seconds of one call. */
struct Timing
{
    double wall = 0.0;
    double cpu = 0.0;
};

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

Timing timed(const std::function<void()> &fn)
{
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = threadCpuSeconds();
    fn();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(),
            threadCpuSeconds() - cpu0};
}

/** A model under test: one chunk through the model (returns the seconds of audio it stands
 *  for) and the whole chunked separation (returns the output). */
struct Model
{
    std::function<double(const torch::Tensor &mix)> oneChunk;
    std::function<torch::Tensor(const torch::Tensor &mix)> separate;
};

int measureOne(const QString &name, double seconds)
{
    toolkit::applyTorchThreadSettings();
    torch::manual_seed(0);
    torch::NoGradGuard noGrad;
    const int64_t n = int64_t(seconds * kRate);
    const torch::Tensor t = torch::arange(n, torch::kFloat32) / float(kRate);
    const torch::Tensor mix = 0.05f * torch::randn({2, n}) + 0.2f * torch::sin(2 * M_PI * 440.0 * t);

    std::unique_ptr<openunmix::Separator> umx;
    std::unique_ptr<openunmix::ChunkedSeparation> umxChunked;
    std::unique_ptr<tfctdf::ChunkedSeparator> tdc;
    Model model;
    if (name == QLatin1String("umx")) {
        openunmix::SeparatorConfig config;
        config.wiener.iterations = 1;
        umx = std::make_unique<openunmix::Separator>(openunmix::loadTargetModels(kModels + "/openunmix"), config);
        const int64_t chunk = int64_t(15 * kRate);
        umxChunked = std::make_unique<openunmix::ChunkedSeparation>(*umx, chunk, int64_t(kRate));
        model.oneChunk = [&](const torch::Tensor &x) {
            const int64_t len = std::min(chunk, x.size(1));
            umx->separate(x.narrow(1, 0, len).unsqueeze(0));
            return double(len) / kRate;
        };
        model.separate = [&](const torch::Tensor &x) { return umxChunked->run(x); };
    } else if (name == QLatin1String("tdc17")) {
        const auto config = tfctdf::UNetConfig::tdc17();
        tdc = std::make_unique<tfctdf::ChunkedSeparator>(
            tfctdf::loadNetwork(kModels + "/tfctdf/cac_tdc_17_vocals_top1.pt", config),
            tfctdf::ChunkScheme::paper(config));
        model.oneChunk = [&](const torch::Tensor &x) {
            tdc->waveform(tdc->network()->forward(tdc->spectrogram(tdc->chunk(x, 0).unsqueeze(0))));
            return double(tdc->scheme().step()) / kRate; // the new audio one chunk yields
        };
        model.separate = [&](const torch::Tensor &x) { return tdc->separate(x, 1); };
    } else {
        std::fprintf(stderr, "unknown model %s (umx, tdc17)\n", qPrintable(name));
        return 2;
    }
    double chunkSeconds = 0.0;
    model.oneChunk(mix); // warm-up (first-call allocations, lazy init)
    const Timing chunk = timed([&] { chunkSeconds = model.oneChunk(mix); });
    const qint64 windowStart = testsupport::startPeakRssWindow();
    torch::Tensor out;
    const Timing whole = timed([&] { out = model.separate(mix); });
    std::printf("wall=%.3f\ncpu=%.3f\nchunk_seconds=%.3f\nchunk_wall=%.4f\nchunk_cpu=%.4f\nchecksum=%.6g\n",
                whole.wall, whole.cpu, chunkSeconds, chunk.wall, chunk.cpu, out.abs().sum().item<double>());
    return testsupport::reportWorkingMemory(windowStart, qint64(out.nbytes()));
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QStringLiteral("?");
}

int measureAll(QStringList lengths)
{
    if (lengths.isEmpty())
        lengths = {QStringLiteral("10"), QStringLiteral("60"), QStringLiteral("240")};
    std::printf("load average at start: %s\n\n", qPrintable(loadAverage()));
    std::printf("| model | input | wall (RTF) | thread CPU (CPU RTF) | one chunk: CPU RTF | CPU RTF ratio "
                "| peak RSS | working memory |\n|---|---|---|---|---|---|---|---|\n");
    for (const QString &model : {QStringLiteral("umx"), QStringLiteral("tdc17")}) {
        for (const QString &len : lengths) {
            QString error;
            const QString out = testsupport::runSelf({QStringLiteral("--one"), model, len}, 3600 * 1000, &error);
            if (out.isEmpty()) {
                std::printf("| %s | %s s | failed: %s |\n", qPrintable(model), qPrintable(len), qPrintable(error));
                continue;
            }
            const double seconds = len.toDouble();
            const double cpuRtf = keyedValue(out, QStringLiteral("cpu")) / seconds;
            const double chunkRtf = keyedValue(out, QStringLiteral("chunk_cpu"))
                                    / keyedValue(out, QStringLiteral("chunk_seconds"));
            std::printf("| %s | %s s | %.1f s (%.2f) | %.1f s (%.3f) | %.3f | %.2f | %.0f MiB | %.0f MiB |\n",
                        qPrintable(model), qPrintable(len), keyedValue(out, QStringLiteral("wall")),
                        keyedValue(out, QStringLiteral("wall")) / seconds, keyedValue(out, QStringLiteral("cpu")),
                        cpuRtf, chunkRtf, cpuRtf / chunkRtf, keyedValue(out, QStringLiteral("peak_kib")) / 1024.0,
                        keyedValue(out, QStringLiteral("working_kib")) / 1024.0);
            std::fflush(stdout);
        }
    }
    std::printf("\nload average at end: %s\n", qPrintable(loadAverage()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--one"))
        return args.size() == 3 ? measureOne(args[1], args[2].toDouble()) : 2;
    return measureAll(args);
}
