// SPDX-License-Identifier: GPL-3.0-or-later
// The "tfctdf" plugin class with the shipped official TDC-17 weights: manifest, known input,
// sample-rate and channel handling, errors, cancellation, partial results.
#include "plugins/sdk/manifest.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"
#include "plugins/tfctdf/tfctdfplugin.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace mirstudio;
using namespace mirstudio::tfctdf;

namespace {

const QString kModelFolder = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/models/tfctdf");

/** A deterministic "song": a sung-like vibrato tone over a bass line and noise. */
sdk::AudioBuffer syntheticMix(double seconds, double rate, int channels)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 0.01f);
    sdk::AudioBuffer b;
    b.sampleRate = rate;
    const int64_t n = int64_t(seconds * rate);
    b.channels.assign(size_t(channels), std::vector<float>(size_t(n)));
    double phase = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        const double t = double(i) / rate;
        phase += 2.0 * M_PI * 440.0 * (1.0 + 0.01 * std::sin(2.0 * M_PI * 5.5 * t)) / rate;
        const double voice = 0.2 * (std::sin(phase) + 0.5 * std::sin(2 * phase) + 0.25 * std::sin(3 * phase));
        const double bass = 0.2 * std::sin(2.0 * M_PI * 55.0 * t);
        for (int c = 0; c < channels; ++c)
            b.channels[size_t(c)][size_t(i)] = float(voice * (c == 0 ? 0.8 : 1.0) + bass) + noise(rng);
    }
    return b;
}

sdk::StemSet separate(TfcTdfPlugin &plugin, const sdk::AudioBuffer &mix, sdk::JobContext &ctx,
                      QVariantMap params = {})
{
    params.insert(QStringLiteral("model"), params.value(QStringLiteral("model"), QStringLiteral("tdc17_vocals")));
    params.insert(QStringLiteral("batch_chunks"), params.value(QStringLiteral("batch_chunks"), 1));
    const sdk::ValueMap out = plugin.run(QStringLiteral("separate"), {{QStringLiteral("mix"), mix}}, params, ctx);
    return std::get<sdk::StemSet>(out.value(QStringLiteral("stems")));
}

double energy(const sdk::AudioBuffer &b)
{
    double e = 0.0;
    for (const auto &ch : b.channels)
        for (float v : ch)
            e += double(v) * v;
    return e;
}

} // namespace

class TestTfcTdfPlugin : public QObject
{
    Q_OBJECT

private:
    TfcTdfPlugin m_plugin;

private Q_SLOTS:
    void initTestCase() { m_plugin.initialise(kModelFolder); }

    void manifestIsValid()
    {
        // GIVEN the embedded manifest file WHEN the SDK parses it THEN there is no problem
        QFile f(QStringLiteral(MIRSTUDIO_SOURCE_DIR "/plugins/tfctdf/manifest.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        sdk::Manifest m;
        QStringList errors;
        QVERIFY2(sdk::Manifest::fromJson(QJsonDocument::fromJson(f.readAll()).object(), &m, &errors),
                 qPrintable(errors.join("; ")));
        QCOMPARE(m.id, QStringLiteral("tfctdf"));
        QVERIFY(m.hasCapability(sdk::Capability::Separate));
        // AND it lists the official TDC-17 file and the two rendered-stems models, all shipped
        QCOMPARE(m.runtime.weights.size(), 3);
        for (const auto &w : m.runtime.weights)
            QCOMPARE(QFileInfo(kModelFolder + "/" + w.file).size(), w.size);
    }

    void renderedModelsNameTheirStems()
    {
        // GIVEN 2 s of a deterministic stereo mix
        const sdk::AudioBuffer mix = syntheticMix(2.0, 44100.0, 2);
        sdk::RecordingJobContext ctx(kModelFolder);
        for (const QString &target : {QStringLiteral("bass"), QStringLiteral("drums")}) {
            // WHEN the rendered-stems model of that target separates it
            const sdk::StemSet stems = separate(m_plugin, mix, ctx, {{QStringLiteral("model"), QStringLiteral("rendered_") + target}});
            // THEN the stems are the target and the rest, and they sum to the mix
            QCOMPARE(stems.order, (QStringList{target, QStringLiteral("rest")}));
            const sdk::AudioBuffer &t = stems.stems[target], &r = stems.stems[QStringLiteral("rest")];
            QCOMPARE(t.frameCount(), mix.frameCount());
            for (int64_t i = 0; i < mix.frameCount(); i += 101)
                QVERIFY(std::abs(t.channels[0][i] + r.channels[0][i] - mix.channels[0][i]) <= 1e-6f);
        }
        // AND an unknown model name is refused
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, separate(m_plugin, mix, ctx, {{QStringLiteral("model"), QStringLiteral("kazoo")}}));
    }

    void knownInputGivesStemsThatSumToTheMix()
    {
        // GIVEN 4 s of a deterministic stereo mix at 44.1 kHz
        const sdk::AudioBuffer mix = syntheticMix(4.0, 44100.0, 2);
        sdk::RecordingJobContext ctx(kModelFolder);
        // WHEN the shipped model separates it
        const sdk::StemSet stems = separate(m_plugin, mix, ctx);
        // THEN vocals and accompaniment have the mix's shape, are finite and sum to the mix
        QCOMPARE(stems.order, (QStringList{"vocals", "accompaniment"}));
        const sdk::AudioBuffer &v = stems.stems["vocals"], &a = stems.stems["accompaniment"];
        QCOMPARE(v.frameCount(), mix.frameCount());
        QCOMPARE(v.channelCount(), 2);
        QCOMPARE(v.sampleRate, 44100.0);
        for (int c = 0; c < 2; ++c)
            for (int64_t i = 0; i < mix.frameCount(); i += 97) {
                QVERIFY(std::isfinite(v.channels[c][i]));
                QVERIFY(std::abs(v.channels[c][i] + a.channels[c][i] - mix.channels[c][i]) <= 1e-6f);
            }
        // AND the estimate is neither silent nor the whole mix
        const double ratio = energy(v) / energy(mix);
        qInfo("vocals/mix energy %.6f", ratio);
        QVERIFY(ratio > 1e-4 && ratio < 1.0);
        QCOMPARE(ctx.reports().lastProgress, 1.0);
    }

    void otherRatesAndMonoAreConverted()
    {
        // GIVEN 2 s of mono audio at 22.05 kHz
        const sdk::AudioBuffer mix = syntheticMix(2.0, 22050.0, 1);
        sdk::RecordingJobContext ctx(kModelFolder);
        // WHEN it is separated
        const sdk::StemSet stems = separate(m_plugin, mix, ctx);
        // THEN the stems come back at 22.05 kHz with the mix's length (stereo, as the model)
        const sdk::AudioBuffer &v = stems.stems["vocals"];
        QCOMPARE(v.sampleRate, 22050.0);
        QCOMPARE(v.frameCount(), mix.frameCount());
        QCOMPARE(stems.stems["accompaniment"].frameCount(), mix.frameCount());
        QVERIFY(energy(v) > 0.0);
    }

    void badInputsAreErrors()
    {
        sdk::RecordingJobContext ctx(kModelFolder);
        sdk::AudioBuffer empty;
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, separate(m_plugin, empty, ctx));
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, separate(m_plugin, syntheticMix(0.5, 44100.0, 3), ctx));
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError,
                                 m_plugin.run(QStringLiteral("train"), {}, {}, ctx));
        // A custom checkpoint of the wrong architecture is refused with a message
        QVariantMap params{{"model", "custom"}, {"architecture", "tfc_tdf17"},
                           {"checkpoint", kModelFolder + "/cac_tdc_17_vocals_top1.pt"}};
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, separate(m_plugin, syntheticMix(0.5, 44100.0, 2), ctx, params));
    }

    void trainWritesALoadableModel()
    {
        // GIVEN the committed 3 s held-out rendered clip as a one-song stem folder
        QTemporaryDir out;
        sdk::RecordingJobContext ctx(kModelFolder);
        const QVariantMap params{{"data", QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/tfctdf")},
                                 {"songs", "rendered_clip"}, {"target", "bass"}, {"out", out.path()},
                                 {"steps", 3}, {"batch", 2}, {"seed", 1}};
        // WHEN the plugin's train method runs 3 steps
        const sdk::ValueMap result = m_plugin.run(QStringLiteral("train"), {}, params, ctx);
        const auto loss = std::get<sdk::Matrix>(result.value(QStringLiteral("loss")));
        // THEN the loss curve has one finite value per step
        QCOMPARE(loss.rows, 3);
        QCOMPARE(loss.cols, 1);
        for (float v : loss.data)
            QVERIFY(std::isfinite(v));
        // AND the written file separates as model = custom, architecture = tfc_tdf_small
        const QVariantMap custom{{"model", "custom"}, {"architecture", "tfc_tdf_small"},
                                 {"checkpoint", out.filePath(QStringLiteral("bass.pt"))}};
        const sdk::StemSet stems = separate(m_plugin, syntheticMix(1.0, 44100.0, 2), ctx, custom);
        QCOMPARE(stems.order.size(), 2);
        // AND a cancelled run throws Cancelled and writes nothing
        QTemporaryDir other;
        QVariantMap again = params;
        again[QStringLiteral("out")] = other.path();
        sdk::RecordingJobContext cancelled(kModelFolder);
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled, m_plugin.run(QStringLiteral("train"), {}, again, cancelled));
        QVERIFY(!QFile::exists(other.filePath(QStringLiteral("bass.pt"))));
    }

    void badWeightFilesAreErrors()
    {
        // GIVEN model folders with a missing and a corrupt weight file
        QTemporaryDir dir;
        TfcTdfPlugin plugin;
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, plugin.initialise(dir.path()));
        QFile junk(dir.filePath("cac_tdc_17_vocals_top1.pt"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, plugin.initialise(dir.path()));
        // AND an uninitialised plugin refuses to run
        sdk::RecordingJobContext ctx(kModelFolder);
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, separate(plugin, syntheticMix(0.5, 44100.0, 2), ctx));
    }

    void cancelStopsWithin500ms()
    {
        // GIVEN a minute of audio (chunk by chunk, the default batch), cancelled 300 ms into the job
        const sdk::AudioBuffer mix = syntheticMix(60.0, 44100.0, 2);
        sdk::RecordingJobContext ctx(kModelFolder);
        const qint64 cancelAfterMs = 300;
        ctx.cancelAfterMs(cancelAfterMs);
        // WHEN it runs THEN it throws Cancelled soon after the flag was raised
        QElapsedTimer t;
        t.start();
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled, separate(m_plugin, mix, ctx));
        const qint64 latency = ctx.elapsedMs() - cancelAfterMs;
        qInfo("stopped %lld ms after the cancel request", (long long)latency);
        QVERIFY(latency < 500);
    }

    void partialStemsArePublished()
    {
        // GIVEN a long enough mix that the job lasts more than the partial interval
        const sdk::AudioBuffer mix = syntheticMix(12.0, 44100.0, 2);
        sdk::RecordingJobContext ctx(kModelFolder);
        separate(m_plugin, mix, ctx);
        // THEN at least one partial StemSet came with a growing ready count
        const sdk::RecordedReports r = ctx.reports();
        const auto stemPartials = std::count_if(r.partials.begin(), r.partials.end(), [](const sdk::PartialReport &p) {
            return p.outputId == QLatin1String("stems") && p.kind == sdk::ValueKind::Stems;
        });
        qInfo("%d partial results, last ready %lld", int(stemPartials), (long long)r.lastFramesReady);
        QVERIFY(stemPartials >= 1);
        QVERIFY(r.lastFramesReady > 0 && r.lastFramesReady < mix.frameCount());
    }
};

QTEST_GUILESS_MAIN(TestTfcTdfPlugin)
#include "tst_tfctdf_plugin.moc"
