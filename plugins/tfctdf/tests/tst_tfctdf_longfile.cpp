// SPDX-License-Identifier: GPL-3.0-or-later
// The TFC-TDF / TDC separator on long inputs: a job cancelled after its first partial result stops
// within 500 ms and the partial it published is intact; the chunked separator's working memory is
// flat in the input length (10 s vs 100 s, each measured in a fresh child process).
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/tfctdfplugin.h"
#include "plugins/toolkit/threads.h"

#include "tests/support/cancellatency.h"
#include "tests/support/partialcheck.h"
#include "tests/support/processmemory.h"
#include "tests/support/qtestmainwithchild.h"
#include "tests/support/syntheticmix.h"

#include <QTest>

using namespace mirstudio;
using namespace mirstudio::tfctdf;

namespace {

const QString kModelFolder = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/models/tfctdf");
constexpr double kRate = 44100.0;
constexpr const char *kChildFlag = "--working-memory";
constexpr double kShortSeconds = 10.0;
constexpr double kLongSeconds = 100.0;
constexpr qint64 kBoundKiB = 16 * 1024;

/**
 * Child process: a random-weight TDC U-Net (5 blocks, 8 channels, 2 dense layers) with the
 * paper's chunking of TDC-17 (66,560-sample chunks, 2048-point STFT) separating `seconds` of
 * stereo noise, one chunk in flight; prints the peak RSS of the run minus the output tensor.
 */
int workingMemoryChild(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    testsupport::useFixedMallocThresholds();
    toolkit::applyTorchThreadSettings();
    torch::manual_seed(0);
    UNetConfig config = UNetConfig::tdc17();
    config.numBlocks = 5;
    config.internalChannels = 8;
    config.numLayers = 2;
    ChunkedSeparator separator(UNet(config), ChunkScheme::paper(config));
    const torch::Tensor mix = 0.1 * torch::randn({2, int64_t(std::atof(argv[2]) * kRate)});
    const qint64 start = testsupport::startPeakRssWindow();
    const torch::Tensor out = separator.separate(mix, 1);
    return testsupport::reportWorkingMemory(start, qint64(out.nbytes()));
}

} // namespace

class TestTfcTdfLongFile : public QObject
{
    Q_OBJECT

    TfcTdfPlugin m_plugin;

    sdk::StemSet separate(const sdk::AudioBuffer &mix, sdk::JobContext &ctx)
    {
        const auto out = m_plugin.run(QStringLiteral("separate"), {{QStringLiteral("mix"), mix}}, {}, ctx);
        return std::get<sdk::StemSet>(out.value(QStringLiteral("stems")));
    }

private Q_SLOTS:
    void initTestCase() { m_plugin.initialise(kModelFolder); }

    void cancelAfterFirstPartialStopsWithin500ms()
    {
        // GIVEN two minutes of stereo audio separated by the shipped TDC-17 vocals model
        const sdk::AudioBuffer mix = testsupport::syntheticMix(2, 120.0, kRate);
        testsupport::CancelOnPartialContext ctx(kModelFolder);
        // WHEN the job runs on its own thread and is cancelled once its first partial is out
        // (the plugin publishes one at most every 2 s)
        const auto outcome = testsupport::cancelAfterFirstPartial(
            [&](sdk::JobContext &c) { separate(mix, c); }, ctx, std::chrono::seconds(60));
        qInfo("returned %.0f ms after the cancel request", outcome.latencyMs);
        // THEN it throws Cancelled within 500 ms
        QVERIFY2(outcome.problem(500.0).isEmpty(), qPrintable(outcome.problem(500.0)));

        // AND the first partial is intact: full length, finite, its vocals equal to a finished
        // separation of the audio its chunks saw (ready frames + one trim of context) and silent
        // after the ready frames, and vocals + accompaniment = the mix everywhere
        const auto partials = ctx.partials();
        const auto &first = partials.front();
        QCOMPARE(first.outputId, QStringLiteral("stems"));
        QVERIFY(std::holds_alternative<sdk::StemSet>(first.value));
        const ChunkScheme scheme = ChunkScheme::paper(UNetConfig::tdc17());
        QVERIFY(first.framesReady > 0 && first.framesReady % scheme.step() == 0);
        QVERIFY(first.framesReady < mix.frameCount());
        testsupport::CancelOnPartialContext plain(kModelFolder);
        const sdk::StemSet reference =
            separate(testsupport::leadingFrames(mix, first.framesReady + scheme.trim), plain);
        const sdk::StemSet &partial = std::get<sdk::StemSet>(first.value);
        const auto cmp = testsupport::comparePartial(partial, reference, 2, mix.frameCount(),
                                                     first.framesReady, {QStringLiteral("vocals")},
                                                     first.framesReady);
        QVERIFY2(cmp.problem.isEmpty(), qPrintable(cmp.problem));
        qInfo("partial vs finished: max diff %.3g over the ready frames, max |vocals| %.3g after them",
              cmp.maxFinishedDiff, cmp.maxUnfinished);
        QVERIFY(cmp.maxFinishedDiff < 1e-5);
        QCOMPARE(cmp.maxUnfinished, 0.0);
        const sdk::AudioBuffer vocals = partial.stems.value(QStringLiteral("vocals"));
        const sdk::AudioBuffer accompaniment = partial.stems.value(QStringLiteral("accompaniment"));
        double maxSumError = 0.0;
        for (size_t c = 0; c < 2; ++c)
            for (size_t i = 0; i < size_t(mix.frameCount()); ++i)
                maxSumError = std::max(maxSumError, double(std::abs(vocals.channels[c][i]
                                                                    + accompaniment.channels[c][i]
                                                                    - mix.channels[c][i])));
        QVERIFY2(maxSumError < 1e-5, qPrintable(QString::number(maxSumError)));
    }

    void workingMemoryIsFlatInLength()
    {
        // GIVEN a small random-weight U-Net run on 10 s and on 100 s in fresh processes
        const auto g = testsupport::workingMemoryGrowth(kChildFlag, kShortSeconds, kLongSeconds);
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        qInfo("working memory: %.0f s %.1f MiB, %.0f s %.1f MiB", kShortSeconds, g.shortKiB / 1024.0,
              kLongSeconds, g.longKiB / 1024.0);
        // WHEN the output tensor is not counted (it must grow: 2 channels x 4 bytes per frame)
        // THEN 10x the length adds less than 16 MiB: an O(length) buffer beyond the output (a
        // stereo float copy of the input is 0.34 MiB per second, 30 MiB over the extra 90 s) or
        // keeping one chunk's spectrograms (4 x 1025 x 64 floats = 1 MiB per chunk at the input,
        // more inside the network) alive for each of the 78 chunks would exceed it.
        QVERIFY2(g.growthKiB() < kBoundKiB, qPrintable(QStringLiteral("grew by %1 KiB").arg(g.growthKiB())));
    }
};

MIRSTUDIO_QTEST_MAIN_WITH_CHILD(TestTfcTdfLongFile, kChildFlag, workingMemoryChild)
#include "tst_tfctdf_longfile.moc"
