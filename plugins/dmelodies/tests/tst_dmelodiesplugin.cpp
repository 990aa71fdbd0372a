// SPDX-License-Identifier: GPL-3.0-or-later
// The dMelodies plugin's methods: generate (factors), encode (attributes), decode (latent set and
// matrix), train (a short run writing weights the plugin then loads).
#include "plugins/dmelodies/dmelodiesplugin.h"
#include "plugins/dmelodies/melodytokens.h"
#include "plugins/dmelodies/vaemodel.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::dmelodies;

namespace {

QVariantMap factorParams(const DMelodiesFactors &f)
{
    QVariantMap p{{QStringLiteral("source"), QStringLiteral("factors")}};
    const QStringList names = DMelodiesFactors::names();
    for (int k = 0; k < kFactorCount; ++k)
        p[names[k]] = f.values[size_t(k)];
    return p;
}

} // namespace

class TestDMelodiesPlugin : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder;
    DMelodiesPlugin m_plugin;
    sdk::RecordingJobContext m_ctx;

private Q_SLOTS:
    void initTestCase()
    {
        // GIVEN a model folder with freshly initialised CNN and RNN weights (official key layout)
        QVERIFY(m_folder.isValid());
        torch::manual_seed(0);
        VaeModel(VaeModel::Kind::Cnn).saveWeights(m_folder.filePath(QStringLiteral("cnn.pt")));
        VaeModel(VaeModel::Kind::Rnn).saveWeights(m_folder.filePath(QStringLiteral("rnn.pt")));
        m_plugin.initialise(m_folder.path());
        QCOMPARE(m_plugin.loadedModels(), (QStringList{QStringLiteral("cnn"), QStringLiteral("rnn")}));
    }

    void generateFromFactors()
    {
        // GIVEN factor values WHEN generate runs THEN the notes are the dataset melody
        const auto f = DMelodiesFactors::fromIndex(777777);
        const auto out = m_plugin.run(QStringLiteral("generate"), {}, factorParams(f), m_ctx);
        const auto notes = std::get<sdk::NoteSequence>(out.value(QStringLiteral("notes")));
        QCOMPARE(int(notes.notes.size()), 12);
        QVERIFY(torch::equal(MelodyTokens::fromNotes(notes), MelodyTokens::batch({777777})[0]));
    }

    void encodeAttachesFactors()
    {
        // GIVEN a generated melody WHEN encoded THEN a 32-d code comes with the 9 factors it was made from
        const auto f = DMelodiesFactors::fromIndex(123456);
        const auto gen = m_plugin.run(QStringLiteral("generate"), {}, factorParams(f), m_ctx);
        for (const QString model : {QStringLiteral("cnn"), QStringLiteral("rnn")}) {
            const auto out = m_plugin.run(QStringLiteral("encode"), {{QStringLiteral("notes"), gen.value(QStringLiteral("notes"))}},
                                          {{QStringLiteral("model"), model}}, m_ctx);
            const auto latent = std::get<sdk::LatentSet>(out.value(QStringLiteral("latent")));
            QCOMPARE(latent.codes.rows, 1);
            QCOMPARE(latent.codes.cols, 32);
            QCOMPARE(latent.dimensionNames.size(), 32);
            QCOMPARE(latent.attributes.size(), 9);
            QCOMPARE(latent.attributes.value(QStringLiteral("rhythm_bar2")).at(0), double(f.rhythmBar2()));
            QCOMPARE(latent.attributes.value(QStringLiteral("tonic")).at(0), double(f.tonic()));
        }
    }

    void decodeLatentSetAndMatrix()
    {
        // GIVEN two codes as a latent set and as a matrix WHEN decoded THEN both give the same 2 melodies (8 s)
        sdk::Matrix codes;
        codes.rows = 2;
        codes.cols = 32;
        for (int i = 0; i < 64; ++i)
            codes.data.push_back(float(std::sin(i * 0.7)));
        sdk::LatentSet set;
        set.codes = codes;
        const auto a = std::get<sdk::NoteSequence>(
            m_plugin.run(QStringLiteral("decode"), {{QStringLiteral("latent"), set}}, {{QStringLiteral("model"), QStringLiteral("rnn")}}, m_ctx)
                .value(QStringLiteral("notes")));
        const auto b = std::get<sdk::NoteSequence>(
            m_plugin.run(QStringLiteral("decode"), {{QStringLiteral("codes"), codes}}, {{QStringLiteral("model"), QStringLiteral("rnn")}}, m_ctx)
                .value(QStringLiteral("notes")));
        QCOMPARE(a.duration, 8.0);
        QCOMPARE(a.notes.size(), b.notes.size());
        for (size_t i = 0; i < a.notes.size(); ++i)
            QCOMPARE(a.notes[i].pitch, b.notes[i].pitch);
        // AND codes of the wrong size are refused
        codes.cols = 16;
        codes.data.resize(32);
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError,
                                 m_plugin.run(QStringLiteral("decode"), {{QStringLiteral("codes"), codes}}, {}, m_ctx));
    }

    void trainWritesLoadableWeights()
    {
        // GIVEN a few CNN β-VAE steps WHEN train runs THEN weights are written and load into a new plugin
        QTemporaryDir out;
        const QVariantMap params{{QStringLiteral("model"), QStringLiteral("cnn")}, {QStringLiteral("objective"), QStringLiteral("beta")},
                                 {QStringLiteral("steps"), 30}, {QStringLiteral("batch"), 16}, {QStringLiteral("seed"), 3},
                                 {QStringLiteral("out"), out.path()}};
        const auto result = m_plugin.run(QStringLiteral("train"), {}, params, m_ctx);
        const auto loss = std::get<sdk::Matrix>(result.value(QStringLiteral("loss")));
        QVERIFY(loss.rows > 0);
        DMelodiesPlugin other;
        other.initialise(out.path());
        QCOMPARE(other.loadedModels(), QStringList{QStringLiteral("cnn")});
    }
};

QTEST_GUILESS_MAIN(TestDMelodiesPlugin)
#include "tst_dmelodiesplugin.moc"
