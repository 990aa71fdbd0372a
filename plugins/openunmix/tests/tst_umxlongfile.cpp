// SPDX-License-Identifier: GPL-3.0-or-later
// Open-Unmix on long inputs: a job cancelled after its first partial result stops within 500 ms
// and the partial it published is intact; the chunked separator's working memory is flat in the
// input length (5 s vs 50 s, each measured in a fresh child process).
#include "plugins/openunmix/chunkedseparation.h"
#include "plugins/openunmix/openunmixplugin.h"
#include "plugins/toolkit/threads.h"

#include "tests/support/cancellatency.h"
#include "tests/support/partialcheck.h"
#include "tests/support/processmemory.h"
#include "tests/support/qtestmainwithchild.h"
#include "tests/support/syntheticmix.h"

#include <QTest>

using namespace mirstudio;
using namespace mirstudio::openunmix;

namespace {

const QString kWeights = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/models/openunmix");
constexpr double kRate = 44100.0;
constexpr double kChunkSeconds = 5.0;
constexpr int64_t kOverlapFrames = 44100; // the plugin's 1 s crossfade
constexpr const char *kChildFlag = "--working-memory";
constexpr double kShortSeconds = 5.0;
constexpr double kLongSeconds = 50.0;
constexpr qint64 kBoundKiB = 8 * 1024;

QVariantMap separateParams()
{
    return {{QStringLiteral("niter"), 1}, {QStringLiteral("chunk"), kChunkSeconds}};
}

/**
 * Child process: two random-weight targets (hidden size 16, 1 LSTM layer, full 4096-point STFT,
 * one EM iteration) separating `seconds` of stereo noise in 5 s chunks with 1 s overlap; prints
 * the peak RSS of the run minus the output tensor.
 */
int workingMemoryChild(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    testsupport::useFixedMallocThresholds();
    toolkit::applyTorchThreadSettings();
    torch::manual_seed(0);
    UmxConfig model;
    model.hiddenSize = 16;
    model.nbLayers = 1;
    model.maxBin = 256;
    SeparatorConfig config;
    config.wiener.iterations = 1;
    const Separator separator({{"a", OpenUnmix(model)}, {"b", OpenUnmix(model)}}, config);
    const ChunkedSeparation chunked(separator, int64_t(kChunkSeconds * kRate), kOverlapFrames);
    const torch::Tensor mix = 0.1 * torch::randn({2, int64_t(std::atof(argv[2]) * kRate)});
    const qint64 start = testsupport::startPeakRssWindow();
    const torch::Tensor out = chunked.run(mix);
    return testsupport::reportWorkingMemory(start, qint64(out.nbytes()));
}

} // namespace

class TestUmxLongFile : public QObject
{
    Q_OBJECT

    OpenUnmixPlugin m_plugin;

    sdk::StemSet separate(const sdk::AudioBuffer &mix, sdk::JobContext &ctx)
    {
        const auto out = m_plugin.run(QStringLiteral("separate"), {{QStringLiteral("mix"), mix}},
                                      separateParams(), ctx);
        return std::get<sdk::StemSet>(out.value(QStringLiteral("stems")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        toolkit::applyTorchThreadSettings();
        m_plugin.initialise(kWeights);
    }

    void cancelAfterFirstPartialStopsWithin500ms()
    {
        // GIVEN a minute of stereo audio separated by the shipped four-target model in 5 s chunks
        const sdk::AudioBuffer mix = testsupport::syntheticMix(2, 60.0, kRate);
        testsupport::CancelOnPartialContext ctx(kWeights);
        // WHEN the job runs on its own thread and is cancelled once its first partial is out
        const auto outcome = testsupport::cancelAfterFirstPartial(
            [&](sdk::JobContext &c) { separate(mix, c); }, ctx, std::chrono::seconds(60));
        qInfo("returned %.0f ms after the cancel request", outcome.latencyMs);
        // THEN it throws Cancelled within 500 ms
        QVERIFY2(outcome.problem(500.0).isEmpty(), qPrintable(outcome.problem(500.0)));

        // AND the first partial is intact: full length, finite, equal to a finished separation of
        // the audio its chunks saw over the frames it calls ready, silent after the crossfade tail
        const auto partials = ctx.partials();
        const auto &first = partials.front();
        QCOMPARE(first.outputId, QStringLiteral("stems"));
        QVERIFY(std::holds_alternative<sdk::StemSet>(first.value));
        QCOMPARE(first.framesReady, int64_t(kChunkSeconds * kRate) - kOverlapFrames);
        testsupport::CancelOnPartialContext plain(kWeights);
        const sdk::StemSet reference =
            separate(testsupport::leadingFrames(mix, first.framesReady + kOverlapFrames), plain);
        const sdk::StemSet &partial = std::get<sdk::StemSet>(first.value);
        const auto cmp = testsupport::comparePartial(partial, reference, 2, mix.frameCount(),
                                                     first.framesReady, reference.order,
                                                     first.framesReady + kOverlapFrames);
        QVERIFY2(cmp.problem.isEmpty(), qPrintable(cmp.problem));
        qInfo("partial vs finished: max diff %.3g over the ready frames, max |x| %.3g after them",
              cmp.maxFinishedDiff, cmp.maxUnfinished);
        QVERIFY(cmp.maxFinishedDiff < 1e-5);
        QCOMPARE(cmp.maxUnfinished, 0.0);
    }

    void workingMemoryIsFlatInLength()
    {
        // GIVEN a small random-weight separator run on 5 s (one chunk) and on 50 s (13 chunks)
        // in fresh processes
        const auto g = testsupport::workingMemoryGrowth(kChildFlag, kShortSeconds, kLongSeconds);
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        qInfo("working memory: %.0f s %.1f MiB, %.0f s %.1f MiB", kShortSeconds, g.shortKiB / 1024.0,
              kLongSeconds, g.longKiB / 1024.0);
        // WHEN the output tensor is not counted (it must grow: 2 stems x 2 channels x 4 bytes/frame)
        // THEN 10x the length adds less than 8 MiB. One 5 s chunk's STFT alone is 6.8 MiB
        // (216 frames x 2049 bins x 2 channels x 8 bytes) and its model and Wiener intermediates
        // several times that, so keeping any per-chunk state alive across the 13 chunks of 50 s
        // would exceed it, and so would an O(length) buffer beyond the output (a stereo float copy
        // of the input is 0.34 MiB per second: 15 MiB over the extra 45 s).
        QVERIFY2(g.growthKiB() < kBoundKiB, qPrintable(QStringLiteral("grew by %1 KiB").arg(g.growthKiB())));
    }
};

MIRSTUDIO_QTEST_MAIN_WITH_CHILD(TestUmxLongFile, kChildFlag, workingMemoryChild)
#include "tst_umxlongfile.moc"
