// SPDX-License-Identifier: GPL-3.0-or-later
// The FaderNets plugin with the shipped weights: encode / decode / transform, the committed
// reconstruction expectation (tests/data/fadernets/reconstruction.txt), train smoke, cancel.
#include "plugins/fadernets/fadercodec.h"
#include "plugins/fadernets/fadernetsplugin.h"
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/fadernets/referencephrase.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::fadernets;

namespace {

const QString kModelDir = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/models/fadernets");

} // namespace

class TestFaderNetsPlugin : public QObject
{
    Q_OBJECT

    FaderNetsPlugin m_plugin;

private Q_SLOTS:
    void initTestCase()
    {
        // GIVEN the plugin initialised with the shipped weights
        m_plugin.initialise(kModelDir);
    }

    void encodeGivesOneCodePerSegmentWithAttributes()
    {
        sdk::RecordingJobContext ctx;
        // WHEN the two-bar reference phrase is encoded
        const auto out = m_plugin.run(QStringLiteral("encode"),
                                      {{QStringLiteral("notes"), referencePhrase()}}, {}, ctx);
        const auto &latent = std::get<sdk::LatentSet>(out.value(QStringLiteral("latent")));
        // THEN two codes of 2 z + 24 named columns and both attributes per code
        QCOMPARE(latent.codes.rows, 2);
        QCOMPARE(latent.codes.cols, latent.dimensionNames.size());
        QCOMPARE(latent.dimensionNames.front(), QStringLiteral("rhythm_density"));
        QCOMPARE(latent.attributes.value(QStringLiteral("rhythm_density")).size(), size_t(2));
        // THEN the first bar has an onset on every 8th: density 8/16
        QCOMPARE(latent.attributes.value(QStringLiteral("rhythm_density"))[0], 0.5);
        QCOMPARE(latent.attributes.value(QStringLiteral("note_density"))[0], 2.0);
        // WHEN the codes are decoded THEN notes of two 4-beat segments come back
        const auto dec = m_plugin.run(QStringLiteral("decode"), {{QStringLiteral("latent"), latent}},
                                      {{QStringLiteral("bpm"), 120.0}}, ctx);
        const auto &notes = std::get<sdk::NoteSequence>(dec.value(QStringLiteral("notes")));
        QCOMPARE(notes.duration, 4.0);
    }

    void reconstructionMatchesTheCommittedExpectation()
    {
        // GIVEN the tokens `fadernets-train --reconstruct` wrote for the shipped weights
        QFile file(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/fadernets/reconstruction.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // WHEN the reference phrase is encoded and decoded greedily by the same weights
        FaderCodec codec(loadGmvae(QDir(kModelDir).filePath(QStringLiteral("fadernets.pt"))));
        const auto rows = codec.decodeTokens(codec.encode(SegmentCutter::cut(referencePhrase(), true)));
        // THEN every segment's tokens are the expected ones
        QCOMPARE(int(rows.size()), int(lines.size()));
        for (size_t i = 0; i < rows.size(); ++i) {
            std::vector<std::int64_t> expected;
            for (const auto &t : lines[int(i)].split(QLatin1Char(' '), Qt::SkipEmptyParts))
                expected.push_back(t.toLongLong());
            QCOMPARE(rows[i], expected);
        }
    }

    void transformMovesTheFaderDimensions()
    {
        sdk::RecordingJobContext ctx;
        // WHEN the phrase goes through transform with both faders moved and a preset
        const auto out = m_plugin.run(QStringLiteral("transform"),
                                      {{QStringLiteral("notes"), referencePhrase()}},
                                      {{QStringLiteral("rhythm_density"), 2.0},
                                       {QStringLiteral("note_density"), -1.0},
                                       {QStringLiteral("preset"), 1}},
                                      ctx);
        // THEN notes of the same length come back, progress reached 1
        const auto &notes = std::get<sdk::NoteSequence>(out.value(QStringLiteral("notes")));
        QCOMPARE(notes.duration, 4.0);
        QCOMPARE(ctx.reports().lastProgress, 1.0);
        for (const auto &n : notes.notes)
            QVERIFY(n.pitch >= 21 && n.pitch <= 108);
    }

    void cancelStopsTransformAndTrain()
    {
        // GIVEN a context that is already cancelled THEN transform and train throw Cancelled
        sdk::RecordingJobContext ctx;
        ctx.cancel();
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled,
                                 m_plugin.run(QStringLiteral("transform"),
                                              {{QStringLiteral("notes"), referencePhrase()}}, {}, ctx));
        QTemporaryDir out;
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled,
                                 m_plugin.run(QStringLiteral("train"), {},
                                              {{QStringLiteral("data"), QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/fadernets/midi")},
                                               {QStringLiteral("out"), out.path()},
                                               {QStringLiteral("hidden"), 8}, {QStringLiteral("z"), 2}},
                                              ctx));
    }

    void trainSmokeWritesLoadableWeights()
    {
        // GIVEN a tiny MIDI folder WHEN a 2-step tiny model is trained
        sdk::RecordingJobContext ctx;
        QTemporaryDir out;
        const auto res = m_plugin.run(QStringLiteral("train"), {},
                                      {{QStringLiteral("data"), QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/fadernets/midi")},
                                       {QStringLiteral("out"), out.path()}, {QStringLiteral("steps"), 2},
                                       {QStringLiteral("hidden"), 8}, {QStringLiteral("z"), 2},
                                       {QStringLiteral("batch"), 2}},
                                      ctx);
        // THEN two losses and a model file of those sizes
        QCOMPARE(std::get<sdk::Matrix>(res.value(QStringLiteral("loss"))).cols, 2);
        QCOMPARE(loadGmvae(QDir(out.path()).filePath(QStringLiteral("fadernets.pt")))->config().zDims, 2);
        // AND an unknown method fails with a message
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, m_plugin.run(QStringLiteral("nope"), {}, {}, ctx));
    }
};

QTEST_GUILESS_MAIN(TestFaderNetsPlugin)
#include "tst_fadernetsplugin.moc"
