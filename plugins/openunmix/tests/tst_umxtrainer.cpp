// SPDX-License-Identifier: GPL-3.0-or-later
// UmxTrainer on the toolkit Trainer: a tiny configuration trained a few steps is deterministic,
// reports finite per-target losses and a loss curve, validates and applies the plateau schedule.
#include "plugins/openunmix/umxtrainer.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::openunmix;

namespace {

/** A tiny model and STFT so that a step takes milliseconds. */
TrainConfig tinyConfig(int channels)
{
    TrainConfig c;
    c.nFft = 512;
    c.hop = 128;
    c.model.nbBins = 257;
    c.model.nbChannels = channels;
    c.model.hiddenSize = 8;
    c.model.nbLayers = 1;
    c.model.maxBin = 64;
    c.steps = 5;
    c.batchSize = 2;
    c.frames = 8;
    c.validateEvery = 2;
    c.validationExcerpts = 2;
    c.plateauPatience = 0;
    c.plateauCooldown = 0;
    c.seed = 11;
    return c;
}

/** A song of three stereo stems: a tone, a lower tone and seeded noise. */
StemSong syntheticSong(const std::string &name, double f0, uint64_t seed)
{
    const int64_t n = 8000;
    const auto t = torch::arange(n, torch::kFloat32) / 8000.0;
    auto gen = at::detail::createCPUGenerator(seed);
    StemSong s;
    s.name = name;
    s.stems = {torch::sin(2 * M_PI * f0 * t).repeat({2, 1}) * 0.5,
               torch::sin(2 * M_PI * f0 / 4 * t).repeat({2, 1}) * 0.5,
               torch::randn({2, n}, gen) * 0.1};
    s.mixture = s.stems[0] + s.stems[1] + s.stems[2];
    return s;
}

struct Run
{
    std::vector<TargetModel> models;
    std::vector<std::vector<double>> losses;
    std::vector<toolkit::LossPoint> curve, validation;
    double lrFactor = 1.0;
};

Run trainTiny(int channels)
{
    UmxTrainer trainer(tinyConfig(channels), {"high", "low", "noise"});
    trainer.addSong(syntheticSong("a", 440.0, 1));
    trainer.addSong(syntheticSong("b", 660.0, 2));
    Run r;
    r.models = trainer.train([&](int, const std::vector<double> &l) { r.losses.push_back(l); });
    r.curve = trainer.lossCurve();
    r.validation = trainer.validationCurve();
    r.lrFactor = trainer.finalLearningRateFactor();
    return r;
}

bool sameWeights(const std::vector<TargetModel> &a, const std::vector<TargetModel> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t j = 0; j < a.size(); ++j) {
        const auto pa = a[j].model->named_parameters(), pb = b[j].model->named_parameters();
        for (const auto &item : pa)
            if (!torch::equal(item.value(), pb[item.key()]))
                return false;
        const auto ba = a[j].model->named_buffers(), bb = b[j].model->named_buffers();
        for (const auto &item : ba)
            if (!torch::equal(item.value(), bb[item.key()]))
                return false;
    }
    return true;
}

} // namespace

class TestUmxTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiveStepsAreDeterministic_data()
    {
        QTest::addColumn<int>("channels");
        QTest::newRow("mono") << 1;
        QTest::newRow("stereo (channel swap)") << 2;
    }

    void fiveStepsAreDeterministic()
    {
        QFETCH(int, channels);
        // GIVEN two songs of three synthetic stems and a tiny configuration
        // WHEN trained 5 steps twice with the same seed
        const Run first = trainTiny(channels);
        const Run second = trainTiny(channels);
        // THEN both runs report 5 steps of 3 finite, positive losses, equal between the runs
        QCOMPARE(first.losses.size(), size_t(5));
        for (const auto &step : first.losses) {
            QCOMPARE(step.size(), size_t(3));
            for (double l : step)
                QVERIFY(std::isfinite(l) && l > 0.0);
        }
        QCOMPARE(first.losses, second.losses);
        // AND the toolkit Trainer recorded the loss curve (sum of targets) and two validations
        QCOMPARE(first.curve.size(), size_t(5));
        QCOMPARE(first.curve.back().step, int64_t(4));
        const auto &last = first.losses.back();
        QVERIFY(std::abs(first.curve.back().value - (last[0] + last[1] + last[2])) < 1e-4 * first.curve.back().value);
        QCOMPARE(first.validation.size(), size_t(2));
        QCOMPARE(first.validation[0].value, second.validation[0].value);
        // AND the trained weights are bit-identical, in eval mode, with the input statistics set
        QVERIFY(sameWeights(first.models, second.models));
        QCOMPARE(first.models[0].name, std::string("high"));
        QVERIFY(!first.models[0].model->is_training());
        const auto scale = first.models[0].model->named_parameters()["input_scale"];
        QVERIFY(torch::isfinite(scale).all().item<bool>());
        QVERIFY((scale != 1.0).any().item<bool>());
    }

    void cancelStopsAndCheckpoints()
    {
        // GIVEN a tiny run with a checkpoint path and a context that cancels after 2 progress reports
        QTemporaryDir dir;
        TrainConfig config = tinyConfig(1);
        config.checkpointPath = dir.filePath(QStringLiteral("umx.ckpt"));
        UmxTrainer trainer(config, {"high", "low", "noise"});
        trainer.addSong(syntheticSong("a", 440.0, 1));
        sdk::RecordingJobContext ctx;
        ctx.cancelAfterReports(2);
        // WHEN trained through the context
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled, trainer.train({}, &ctx));
        // THEN it stopped after 2 of 5 steps and the toolkit Trainer still wrote its checkpoint
        QCOMPARE(trainer.lossCurve().size(), size_t(2));
        QVERIFY(QFileInfo(config.checkpointPath).size() > 0);
    }

    void rejectsBadInput()
    {
        // GIVEN a trainer for three targets
        UmxTrainer trainer(tinyConfig(1), {"high", "low", "noise"});
        // WHEN training without songs, or adding a song with the wrong stems or too short
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.train());
        StemSong two = syntheticSong("two", 440.0, 1);
        two.stems.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.addSong(two));
        StemSong shortSong = syntheticSong("short", 440.0, 1);
        for (auto &s : shortSong.stems)
            s = s.narrow(-1, 0, 100);
        // THEN each is refused
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.addSong(shortSong));
    }
};

QTEST_GUILESS_MAIN(TestUmxTrainer)
#include "tst_umxtrainer.moc"
