// SPDX-License-Identifier: GPL-3.0-or-later
// The TorchScript plugin through IModelPlugin::run, as the host calls it.
#include "plugins/torchscript/torchscriptplugin.h"

#include "plugins/sdk/manifest.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPluginLoader>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using mirstudio::torchscript::TorchScriptPlugin;

namespace {

const QString kData = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/plugins/torchscript/tests/data/");

sdk::AudioBuffer ramp(int64_t frames, double rate, int channels = 1)
{
    sdk::AudioBuffer a;
    a.sampleRate = rate;
    for (int c = 0; c < channels; ++c) {
        std::vector<float> v(static_cast<size_t>(frames));
        for (int64_t i = 0; i < frames; ++i)
            v[size_t(i)] = float(std::sin(0.01 * double(i) + c));
        a.channels.push_back(v);
    }
    return a;
}

QVariantMap params(const QString &file, const QString &method, int chunk = 1000)
{
    return {{"model", kData + file}, {"method", method}, {"chunk", chunk}, {"sample_rate", 0.0}};
}

} // namespace

class TestTorchScriptPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manifestIsValid()
    {
        // GIVEN the manifest embedded in the plugin
        QFile f(QStringLiteral(MIRSTUDIO_SOURCE_DIR "/plugins/torchscript/manifest.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        sdk::Manifest m;
        QStringList errors;
        // THEN the SDK accepts it, with synthesize + latent methods
        QVERIFY2(sdk::Manifest::fromJson(QJsonDocument::fromJson(f.readAll()).object(), &m, &errors),
                 qPrintable(errors.join('\n')));
        QVERIFY(m.hasCapability(sdk::Capability::Latent));
        QVERIFY(m.method("forward") && m.method("encode") && m.method("decode") && m.method("describe"));
    }

    void libraryIsAPluginTheHostCanList()
    {
        // GIVEN the built plugin library
        QPluginLoader loader(QStringLiteral(MIRSTUDIO_BINARY_DIR "/plugins/libtorchscript.so"));
        // WHEN its metadata is read without loading, then it is loaded
        const QJsonObject meta = loader.metaData().value("MetaData").toObject();
        // THEN the manifest is embedded and the instance is an IModelPlugin
        QCOMPARE(loader.metaData().value("IID").toString(), QStringLiteral(MIRSTUDIO_PLUGIN_IID));
        QCOMPARE(meta.value("id").toString(), QStringLiteral("torchscript"));
        QVERIFY2(loader.load(), qPrintable(loader.errorString()));
        QVERIFY(qobject_cast<sdk::IModelPlugin *>(loader.instance()));
    }

    void forwardProcessesAudio()
    {
        // GIVEN stereo audio at the model's 16 kHz (the model takes mono)
        TorchScriptPlugin plugin;
        plugin.initialise({});
        sdk::RecordingJobContext ctx;
        const auto audio = ramp(5000, 16000.0, 2);
        // WHEN forward runs
        auto out = plugin.run("forward", {{"audio", audio}}, params("streaming_ae.ts", "forward"), ctx);
        // THEN the mono mixdown comes back delayed by one sample and halved, same length and rate
        const auto &y = std::get<sdk::AudioBuffer>(out["audio"]);
        QCOMPARE(y.channelCount(), 1);
        QCOMPARE(y.frameCount(), int64_t(5000));
        QCOMPARE(y.sampleRate, 16000.0);
        const float mix = 0.5f * (audio.channels[0][99] + audio.channels[1][99]);
        QVERIFY(std::abs(y.channels[0][100] - 0.5f * mix) < 1e-6f);
        QCOMPARE(y.channels[0][0], 0.0f);
        QVERIFY(ctx.reports().progressCount >= 5);
    }

    void encodeThenDecodeRoundTrips()
    {
        // GIVEN mono audio
        TorchScriptPlugin plugin;
        sdk::RecordingJobContext ctx;
        const auto audio = ramp(4000, 16000.0);
        // WHEN encoded to a latent trajectory and decoded
        auto enc = plugin.run("encode", {{"audio", audio}}, params("streaming_ae.ts", "encode"), ctx);
        const auto &latent = std::get<sdk::LatentSet>(enc["latent"]);
        auto dec = plugin.run("decode", {{"latent", latent}}, params("streaming_ae.ts", "decode"), ctx);
        const auto &y = std::get<sdk::AudioBuffer>(dec["audio"]);
        // THEN there is one 2-d code per 4 samples with its time, and decoding gives the block means
        QCOMPARE(latent.codes.rows, 1000);
        QCOMPARE(latent.codes.cols, 2);
        QCOMPARE(latent.dimensionNames.size(), 2);
        QCOMPARE(latent.attributes["time"][10], 40.0 / 16000.0);
        QCOMPARE(y.frameCount(), int64_t(4000));
        QCOMPARE(y.sampleRate, 16000.0);   // the model's sampling_rate attribute
        const float mean = (audio.channels[0][8] + audio.channels[0][9] + audio.channels[0][10]
                            + audio.channels[0][11]) / 4.0f;
        QVERIFY(std::abs(y.channels[0][9] - mean) < 1e-6f);
    }

    void describeListsMethods()
    {
        TorchScriptPlugin plugin;
        sdk::RecordingJobContext ctx;
        // WHEN the model is described
        auto out = plugin.run("describe", {}, {{"model", kData + "streaming_ae.ts"}}, ctx);
        // THEN one row per method with its four numbers
        const auto &m = std::get<sdk::Matrix>(out["methods"]);
        QCOMPARE(m.rows, 3);
        QCOMPARE(m.rowLabels, QStringList({"forward", "encode", "decode"}));
        QCOMPARE(m.at(1, 3), 4.0f);
    }

    void cancelStopsBetweenChunks()
    {
        // GIVEN a context that cancels after 3 progress reports
        TorchScriptPlugin plugin;
        sdk::RecordingJobContext ctx;
        ctx.cancelAfterReports(3);
        // THEN the run throws Cancelled before the end
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled, plugin.run("forward", {{"audio", ramp(20000, 16000.0)}},
                                                            params("streaming_ae.ts", "forward"), ctx));
        QCOMPARE(ctx.reports().progressCount, 3);
    }

    void errorsNameTheProblem()
    {
        TorchScriptPlugin plugin;
        sdk::RecordingJobContext ctx;
        const auto expectError = [&](const QString &method, const sdk::ValueMap &in, const QVariantMap &p,
                                     const QString &text) {
            try {
                plugin.run(method, in, p, ctx);
                QFAIL("no error");
            } catch (const sdk::PluginError &e) {
                QVERIFY2(e.message().contains(text), qPrintable(e.message()));
            }
        };
        // GIVEN wrong rate, missing file, no file, an unknown scripted method, a bad model
        expectError("forward", {{"audio", ramp(100, 44100.0)}}, params("streaming_ae.ts", "forward"), "16000 Hz");
        expectError("forward", {{"audio", ramp(100, 16000.0)}}, params("missing.ts", "forward"), "does not exist");
        expectError("forward", {{"audio", ramp(100, 16000.0)}}, {{"model", ""}}, "choose a TorchScript");
        expectError("forward", {{"audio", ramp(100, 16000.0)}}, params("streaming_ae.ts", "prior"), "offers: forward, encode, decode");
        expectError("forward", {{"audio", ramp(100, 16000.0)}}, params("bad_ratio.ts", "forward", 64), "returned 32 frames");
        expectError("forward", {}, params("streaming_ae.ts", "forward"), "input \"audio\"");
    }
};

QTEST_GUILESS_MAIN(TestTorchScriptPlugin)
#include "tst_torchscriptplugin.moc"
