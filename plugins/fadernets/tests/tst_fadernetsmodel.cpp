// SPDX-License-Identifier: GPL-3.0-or-later
// FaderNets GM-VAE with a tiny configuration: shapes, faders, presets, loss, training, weights.
#include "plugins/fadernets/fadercodec.h"
#include "plugins/fadernets/gmvaeloss.h"
#include "plugins/fadernets/gmvaetrainer.h"
#include "plugins/fadernets/gmvaeweights.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace mirstudio::fadernets;
using mirstudio::sdk::Note;
using mirstudio::sdk::NoteSequence;

namespace {

GmvaeConfig tinyConfig()
{
    GmvaeConfig c;
    c.hiddenDims = 16;
    c.zDims = 4;
    return c;
}

std::vector<Segment> someSegments()
{
    NoteSequence seq;
    seq.bpm = 120.0;
    for (int i = 0; i < 32; ++i)
        seq.notes.push_back(Note{60 + (i * 5) % 12, 80, i * 0.25, (i % 3 + 1) * 0.125});
    return SegmentCutter::cut(seq, true);
}

} // namespace

class TestFaderNetsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardShapes()
    {
        torch::NoGradGuard guard;
        // GIVEN a tiny model and a batch of segments
        MusicAttrGmvae model(tinyConfig());
        const auto b = SegmentBatch::of(someSegments(), tinyConfig());
        const auto B = b.tokens.size(0);
        QVERIFY(B >= 2);
        // WHEN it runs forward
        const auto o = model->forward(b.eventsOneHot, b.rhythmOneHot, b.notesOneHot, b.key,
                                      torch::zeros({B, 4}), torch::zeros({B, 4}), false);
        // THEN every output has the official shape and the sub-decoders normalise over time
        QCOMPARE(o.z.sizes().vec(), (std::vector<int64_t>{B, 2 * 4 + 24}));
        QCOMPARE(o.out.sizes().vec(), (std::vector<int64_t>{B, 100, 342}));
        QCOMPARE(o.rOut.sizes().vec(), (std::vector<int64_t>{B, 16, 3}));
        QCOMPARE(o.nOut.sizes().vec(), (std::vector<int64_t>{B, 16, 16}));
        QVERIFY(torch::allclose(o.rOut.exp().sum(1), torch::ones({B, 3}), 1e-5, 1e-5));
        QVERIFY(torch::allclose(o.qyR.qy.sum(1), torch::ones({B}), 1e-5, 1e-5));
    }

    void fadersAndPresetsChangeOnlyTheirColumns()
    {
        // GIVEN codes of a tiny model
        FaderCodec codec{MusicAttrGmvae(tinyConfig())};
        const auto codes = codec.encode(someSegments());
        QCOMPARE(codes.size(1), int64_t(2 * 4 + 24));
        QCOMPARE(codec.dimensionNames().size(), 2 * 4 + 24);
        QCOMPARE(codec.dimensionNames()[4], QStringLiteral("note_density"));
        // WHEN the note-density fader is set
        const auto moved = codec.withFader(codes, Fader::NoteDensity, 2.5);
        // THEN only column z (z_n[0]) changed
        QVERIFY(torch::all(moved.select(1, 4) == 2.5).item<bool>());
        QVERIFY(torch::equal(moved.narrow(1, 0, 4), codes.narrow(1, 0, 4)));
        QVERIFY(torch::equal(moved.narrow(1, 5, 27), codes.narrow(1, 5, 27)));
        // WHEN preset 1 is applied THEN faders and key stay, the rest is component 1's mean
        const auto preset = codec.withPreset(codes, 1);
        QVERIFY(torch::equal(preset.select(1, 0), codes.select(1, 0)));
        QVERIFY(torch::equal(preset.narrow(1, 8, 24), codes.narrow(1, 8, 24)));
        QVERIFY(torch::allclose(preset[0].narrow(0, 1, 3), codec.model()->componentMeans(true)[1].narrow(0, 1, 3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, codec.withPreset(codes, 2));
    }

    void decodeGivesNotesPerSegment()
    {
        // GIVEN two codes from untrained models (several seeds: their token streams often hold
        // more time-shift than a segment) WHEN decoded at 90 bpm THEN the sequence covers two
        // 4-beat segments and every note lies inside the segment its code owns
        const double segment = 4 * 60.0 / 90.0;
        for (int seed = 0; seed < 8; ++seed) {
            torch::manual_seed(seed);
            FaderCodec codec{MusicAttrGmvae(tinyConfig())};
            const auto codes = codec.encode(someSegments()).narrow(0, 0, 2);
            const auto notes = codec.decodeNotes(codes, 90.0);
            QCOMPARE(notes.bpm, 90.0);
            QVERIFY(std::abs(notes.duration - 2 * segment) < 1e-9);
            for (const auto &n : notes.notes) {
                QVERIFY2(n.start >= 0.0 && n.start < notes.duration, qPrintable(QString::number(n.start)));
                const int owner = int(n.start / segment);
                QVERIFY(n.start + n.duration <= (owner + 1) * segment + 1e-9);
            }
        }
    }

    void attributeRegularisationKnownValue()
    {
        // GIVEN latents ordered like the attribute THEN the loss is mean((tanh(dz) - sign(da))^2)
        const auto z = torch::tensor({0.0f, 1.0f});
        const auto a = torch::tensor({0.0f, 2.0f});
        const double t = std::tanh(1.0);
        const double expected = 2.0 * (1.0 - t) * (1.0 - t) / 4.0;
        QVERIFY(std::abs(attributeRegularisation(z, a).item<double>() - expected) < 1e-6);
        QCOMPARE(annealedBeta(500, 0.1), 0.0);
        QCOMPARE(annealedBeta(30000, 0.1), 0.1);
    }

    void trainingIsDeterministicAndWeightsRoundTrip()
    {
        // GIVEN two runs with the same seed
        GmvaeTrainConfig config;
        config.model = tinyConfig();
        config.steps = 3;
        config.batch = 4;
        std::vector<double> lossA, lossB;
        const auto a = GmvaeTrainer(config).train(someSegments(), [&](int, double l) { lossA.push_back(l); return true; });
        GmvaeTrainer(config).train(someSegments(), [&](int, double l) { lossB.push_back(l); return true; });
        // THEN the losses are finite and identical
        QCOMPARE(lossA.size(), size_t(3));
        QCOMPARE(lossA, lossB);
        QVERIFY(std::isfinite(lossA.back()));
        // WHEN saved and loaded THEN sizes are read from the shapes and tensors are equal
        const QString path = QDir::temp().filePath(QStringLiteral("fadernets_tiny_%1.pt").arg(QCoreApplication::applicationPid()));
        saveGmvaeWeights(*a, path);
        const auto b = loadGmvae(path);
        QFile::remove(path);
        QCOMPARE(b->config().zDims, 4);
        QCOMPARE(b->config().hiddenDims, 16);
        const auto pa = a->named_parameters(), pb = b->named_parameters();
        for (const auto &p : pa)
            QVERIFY(torch::equal(p.value(), pb[p.key()]));
    }
};

QTEST_GUILESS_MAIN(TestFaderNetsModel)
#include "tst_fadernetsmodel.moc"
