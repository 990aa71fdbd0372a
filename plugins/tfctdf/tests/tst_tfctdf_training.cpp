// SPDX-License-Identifier: GPL-3.0-or-later
// Training of the TFC-TDF U-Net (smoke runs of a tiny configuration on the committed rendered
// clip: determinism, loss decrease, save/load round trip) and the shipped rendered-stem models
// (tfctdf/rendered: shapes, finite output, SDR on the held-out clip beats the mixture baseline).
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/networkfile.h"
#include "plugins/tfctdf/targetscore.h"
#include "plugins/tfctdf/tfctdftrainer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio::tfctdf;

namespace {

const QString kClipFolder = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/tfctdf/rendered_clip");
const QString kModelFolder = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/models/tfctdf/rendered");

/** Runs in milliseconds per step: 3 blocks, 4 channels, 256-point STFT, 16 frames. */
TfcTdfTrainSettings tinySettings()
{
    TfcTdfTrainSettings s;
    s.model.numBlocks = 3;
    s.model.internalChannels = 4;
    s.model.numLayers = 1;
    s.model.nFft = 256;
    s.model.frames = 16;
    s.model.tDownLayers = {0};
    s.steps = 6;
    s.batchSize = 2;
    s.seed = 7;
    return s;
}

NamedTensors stateOf(const UNetImpl &net)
{
    NamedTensors out;
    for (const auto &p : net.named_parameters())
        out.emplace_back(p.key(), p.value().detach().clone());
    for (const auto &b : net.named_buffers())
        out.emplace_back(b.key(), b.value().clone());
    return out;
}

bool sameState(const NamedTensors &a, const NamedTensors &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].first != b[i].first || !torch::equal(a[i].second, b[i].second))
            return false;
    return true;
}

UNet trainTiny(const TfcTdfTrainSettings &settings, const StemClip &clip)
{
    TfcTdfTrainer trainer(settings);
    trainer.addClip(clip);
    return trainer.train();
}

} // namespace

class TestTfcTdfTraining : public QObject
{
    Q_OBJECT

private:
    StemClip m_clip;

private Q_SLOTS:
    void initTestCase()
    {
        at::set_num_threads(1);
        m_clip = readStemClip(kClipFolder, QStringLiteral("bass"));
        QCOMPARE(m_clip.target.size(0), 2);
        QVERIFY(m_clip.target.size(1) > 44100);
    }

    void sameSeedGivesEqualWeights()
    {
        // GIVEN two runs of the same settings and clip
        const TfcTdfTrainSettings s = tinySettings();
        // WHEN both train
        const UNet a = trainTiny(s, m_clip);
        const UNet b = trainTiny(s, m_clip);
        // THEN every parameter and buffer is bit-equal, and another seed gives other weights
        QVERIFY(sameState(stateOf(*a), stateOf(*b)));
        TfcTdfTrainSettings other = s;
        other.seed = 8;
        QVERIFY(!sameState(stateOf(*a), stateOf(*trainTiny(other, m_clip))));
    }

    void lossDecreasesOnFixedBatch()
    {
        // GIVEN a clip exactly one chunk long and no gain augmentation: every batch is the same
        TfcTdfTrainSettings s = tinySettings();
        s.steps = 40;
        s.learningRate = 3e-3;
        s.gainMin = s.gainMax = 1.0;
        const int64_t length = ChunkScheme::paper(s.model).length;
        StemClip fixed{"fixed", m_clip.target.narrow(1, 22050, length), m_clip.rest.narrow(1, 22050, length)};
        TfcTdfTrainer trainer(s);
        trainer.addClip(fixed);
        // WHEN it trains 40 steps
        trainer.train();
        // THEN the loss of the last steps is well below the first step's
        const auto &curve = trainer.lossCurve();
        QCOMPARE(int64_t(curve.size()), s.steps);
        const double first = curve.front().value;
        const double last = (curve[curve.size() - 1].value + curve[curve.size() - 2].value) / 2;
        QVERIFY2(last < 0.7 * first, qPrintable(QStringLiteral("first %1 last %2").arg(first).arg(last)));
    }

    void saveLoadRoundTrip()
    {
        // GIVEN a trained tiny network saved with saveNetwork
        const TfcTdfTrainSettings s = tinySettings();
        UNet net = trainTiny(s, m_clip);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("tiny.pt")).toStdString();
        saveNetwork(*net, path);
        // WHEN the plugin's loader reads it back
        UNet loaded = loadNetwork(path, s.model);
        // THEN the state is equal and so is the output on the same input
        QVERIFY(sameState(stateOf(*net), stateOf(*loaded)));
        torch::NoGradGuard noGrad;
        net->eval();
        const auto x = torch::randn({1, 4, s.model.nFft / 2 + 1, s.model.frames});
        QVERIFY(torch::equal(net->forward(x), loaded->forward(x)));
        // AND a file of another configuration is refused
        TfcTdfTrainSettings wider = s;
        wider.model.internalChannels = 6;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadNetwork(path, wider.model));
    }

    void shippedModels_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("bass") << QStringLiteral("bass");
        QTest::newRow("drums") << QStringLiteral("drums");
    }

    void shippedModels()
    {
        // GIVEN a shipped rendered-stem model (small configuration) and the held-out clip
        QFETCH(QString, target);
        const QString path = kModelFolder + QLatin1Char('/') + target + QStringLiteral(".pt");
        QVERIFY2(QFileInfo(path).size() > 0 && QFileInfo(path).size() < 3 * 1024 * 1024, qPrintable(path));
        const UNetConfig config = TfcTdfTrainSettings::smallModel();
        // WHEN it is loaded and run on a chunk of the clip
        ChunkedSeparator separator(loadNetwork(path.toStdString(), config), ChunkScheme::paper(config));
        torch::NoGradGuard noGrad;
        const auto spec = separator.spectrogram(separator.chunk(m_clip.mixture(), 0).unsqueeze(0));
        const auto out = separator.network()->forward(spec);
        // THEN the output has the input's shape and is finite
        QCOMPARE(out.sizes(), spec.sizes());
        QVERIFY(torch::isfinite(out).all().item<bool>());
        if (target != QStringLiteral("bass"))
            return;  // the committed clip holds the bass stem only
        // AND on the held-out clip the bass estimate beats the mixture as estimate
        const TargetScore score = scoreClip(separator, m_clip);
        qInfo("clip bass SDR %.2f dB, mixture as estimate %.2f dB", score.target, score.mixtureTarget);
        QVERIFY(std::isfinite(score.target));
        QVERIFY2(score.target > score.mixtureTarget + 3.0,
                 qPrintable(QStringLiteral("SDR %1 vs mixture %2").arg(score.target).arg(score.mixtureTarget)));
    }
};

QTEST_GUILESS_MAIN(TestTfcTdfTraining)
#include "tst_tfctdf_training.moc"
