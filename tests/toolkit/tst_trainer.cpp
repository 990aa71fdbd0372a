// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/trainer.h"

#include "plugins/sdk/recordingjobcontext.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using toolkit::LossPoint;
using toolkit::Trainer;
using toolkit::TrainerConfig;

namespace {

/** A tiny regression problem: 64 examples, y = x·w + noise; batches of 8 in a seeded order. */
struct Problem
{
    torch::Tensor x, y;
    Problem()
    {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(1234);
        x = torch::randn({64, 4}, gen);
        y = x.matmul(torch::tensor({1.5f, -2.0f, 0.5f, 3.0f})).unsqueeze(1)
            + 0.01 * torch::randn({64, 1}, gen);
    }
    /** The loss at a step; adds a little global-RNG noise so resume must restore the RNG too. */
    Trainer::LossFunction loss(torch::nn::Linear &model) const
    {
        return [this, &model](int64_t step) {
            const auto order = Trainer::epochOrder(64, 5, step / 8);
            std::vector<int64_t> idx(order.begin() + (step % 8) * 8, order.begin() + (step % 8) * 8 + 8);
            const auto rows = torch::tensor(idx, torch::kLong);
            const auto input = x.index_select(0, rows) + 0.001 * torch::randn({8, 4});
            return torch::mse_loss(model->forward(input), y.index_select(0, rows));
        };
    }
};

std::vector<double> values(const std::vector<LossPoint> &curve)
{
    std::vector<double> v;
    for (const auto &p : curve)
        v.push_back(p.value);
    return v;
}

TrainerConfig adamConfig(int64_t steps)
{
    TrainerConfig c;
    c.learningRate = 0.05;
    c.totalSteps = steps;
    c.seed = 7;
    c.clipGradNorm = 10.0;
    return c;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFewStepsLowerTheLoss_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("adam") << int(toolkit::OptimizerKind::Adam);
        QTest::newRow("adamw") << int(toolkit::OptimizerKind::AdamW);
        QTest::newRow("sgd") << int(toolkit::OptimizerKind::Sgd);
    }

    void aFewStepsLowerTheLoss()
    {
        QFETCH(int, kind);
        // GIVEN a linear model, a fixed seed and each optimiser
        torch::manual_seed(7);
        torch::nn::Linear model(4, 1);
        const Problem problem;
        TrainerConfig c = adamConfig(60);
        c.optimizer = toolkit::OptimizerKind(kind);
        c.learningRate = c.optimizer == toolkit::OptimizerKind::Sgd ? 0.02 : 0.05;
        Trainer trainer(*model, c);
        // WHEN it trains 60 steps
        const auto outcome = trainer.run(problem.loss(model));
        // THEN the loss of the last steps is far below the first
        QCOMPARE(outcome.stepsDone, int64_t(60));
        const auto v = values(trainer.lossCurve());
        QCOMPARE(int(v.size()), 60);
        const double first = (v[0] + v[1] + v[2]) / 3.0, last = (v[57] + v[58] + v[59]) / 3.0;
        QVERIFY2(last < 0.25 * first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
    }

    void schedulesGiveTheDocumentedRates()
    {
        // GIVEN warm-up 10 then cosine to 0.1 over 110 steps, and warm-up-free step decay
        torch::nn::Linear model(1, 1);
        TrainerConfig c;
        c.learningRate = 1.0;
        c.warmupSteps = 10;
        c.schedule = toolkit::LrSchedule::Cosine;
        c.minLearningRate = 0.1;
        c.totalSteps = 110;
        Trainer cosine(*model, c);
        c.warmupSteps = 0;
        c.schedule = toolkit::LrSchedule::Step;
        c.stepSize = 5;
        c.gamma = 0.5;
        Trainer step(*model, c);
        // THEN warm-up is linear, cosine hits its midpoint and floor, step halves every 5 steps
        QCOMPARE(cosine.learningRateAt(0), 0.1);
        QCOMPARE(cosine.learningRateAt(9), 1.0);
        QVERIFY(std::abs(cosine.learningRateAt(60) - 0.55) < 1e-12);
        QVERIFY(std::abs(cosine.learningRateAt(110) - 0.1) < 1e-12);
        QCOMPARE(step.learningRateAt(4), 1.0);
        QCOMPARE(step.learningRateAt(5), 0.5);
        QCOMPARE(step.learningRateAt(12), 0.25);
    }

    void resumeFromCheckpointContinuesIdentically()
    {
        const Problem problem;
        QTemporaryDir dir;
        const QString path = dir.filePath("ckpt.pt");
        // GIVEN an uninterrupted run of 20 steps
        torch::manual_seed(7);
        torch::nn::Linear full(4, 1);
        Trainer fullTrainer(*full, adamConfig(20));
        fullTrainer.run(problem.loss(full));
        const auto reference = values(fullTrainer.lossCurve());
        // AND a run of the first 10 steps that leaves a checkpoint
        torch::manual_seed(7);
        torch::nn::Linear first(4, 1);
        TrainerConfig c = adamConfig(10);
        c.checkpointPath = path;
        Trainer firstTrainer(*first, c);
        firstTrainer.run(problem.loss(first));
        QVERIFY(QFile::exists(path));
        // WHEN a differently initialised model resumes from it for steps 10..19
        torch::manual_seed(99);
        torch::nn::Linear resumed(4, 1);
        TrainerConfig r = adamConfig(20);
        r.seed = 99;
        Trainer resumedTrainer(*resumed, r);
        resumedTrainer.loadCheckpoint(path);
        QCOMPARE(resumedTrainer.step(), int64_t(10));
        resumedTrainer.run(problem.loss(resumed));
        // THEN every loss equals the uninterrupted run's (model, Adam moments and RNG restored)
        const auto got = values(resumedTrainer.lossCurve());
        QCOMPARE(int(got.size()), 20);
        for (int i = 0; i < 20; ++i)
            QVERIFY2(got[size_t(i)] == reference[size_t(i)],
                     qPrintable(QStringLiteral("step %1: %2 vs %3").arg(i).arg(got[size_t(i)]).arg(reference[size_t(i)])));
        QVERIFY(torch::equal(resumed->weight, full->weight));
    }

    void pythonReadsTheCheckpoint()
    {
        // GIVEN a checkpoint written after 3 SGD steps
        torch::manual_seed(3);
        torch::nn::Linear model(4, 1);
        const Problem problem;
        QTemporaryDir dir;
        TrainerConfig c = adamConfig(3);
        c.optimizer = toolkit::OptimizerKind::Sgd;
        c.checkpointPath = dir.filePath("sgd.pt");
        Trainer(*model, c).run(problem.loss(model));
        // WHEN Python's torch.load reads it
        QProcess py;
        py.start("/usr/bin/python3", {"-c", "import sys, torch; d = torch.load(sys.argv[1]); "
                                            "print(int(d['trainer.step']), tuple(d['model.weight'].shape), "
                                            "'optimizer.0.momentum_buffer' in d)",
                                      c.checkpointPath});
        if (!py.waitForFinished(60000) || py.exitCode() != 0)
            QSKIP("/usr/bin/python3 with torch is not available to read the checkpoint");
        // THEN it is a plain dict with the step, the weights and the optimiser state
        QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()).trimmed(), QStringLiteral("3 (1, 4) True"));
    }

    void cancelStopsAndReportsProgress()
    {
        // GIVEN a context that cancels after 5 progress reports
        torch::manual_seed(7);
        torch::nn::Linear model(4, 1);
        const Problem problem;
        Trainer trainer(*model, adamConfig(100));
        sdk::RecordingJobContext ctx;
        ctx.cancelAfterReports(5);
        // WHEN training runs
        const auto outcome = trainer.run(problem.loss(model), &ctx);
        // THEN it stops after the 5th step with progress 5 %
        QVERIFY(outcome.cancelled);
        QCOMPARE(outcome.stepsDone, int64_t(5));
        QCOMPARE(ctx.reports().lastProgress, 0.05);
    }

    void validationCsvAndBoundedCurve()
    {
        // GIVEN a curve limited to 8 points, validation every 25 steps
        torch::manual_seed(7);
        torch::nn::Linear model(4, 1);
        const Problem problem;
        TrainerConfig c = adamConfig(100);
        c.maxCurvePoints = 8;
        c.validateEvery = 25;
        Trainer trainer(*model, c);
        int calls = 0;
        trainer.setValidation([&](int64_t) {
            ++calls;
            return torch::mse_loss(model->forward(problem.x), problem.y).item<double>();
        });
        trainer.run(problem.loss(model));
        // THEN the curve stays bounded and evenly strided, validation ran 4 times without grad
        QVERIFY(trainer.lossCurve().size() <= 8);
        const auto &curve = trainer.lossCurve();
        const int64_t stride = curve[1].step - curve[0].step;
        for (size_t i = 1; i < curve.size(); ++i)
            QCOMPARE(curve[i].step - curve[i - 1].step, stride);
        QCOMPARE(calls, 4);
        QCOMPARE(int(trainer.validationCurve().size()), 4);
        QVERIFY(trainer.validationCurve().back().value < trainer.validationCurve().front().value);
        // AND the CSV has a header and one line per point
        QTemporaryDir dir;
        QVERIFY(trainer.writeLossCsv(dir.filePath("loss.csv")));
        QFile f(dir.filePath("loss.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.front(), QByteArray("step,loss"));
        QCOMPARE(int(lines.size()), int(curve.size()) + 1);
    }

    void nonFiniteLossIsAnError()
    {
        // GIVEN a loss that turns NaN
        torch::nn::Linear model(4, 1);
        Trainer trainer(*model, adamConfig(5));
        // THEN run throws
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, trainer.run([&](int64_t) {
            return model->forward(torch::zeros({1, 4})).sum() * std::nan("");
        }));
    }

    void epochOrderIsDeterministic()
    {
        // GIVEN the same seed and epoch twice, then another epoch
        const auto a = Trainer::epochOrder(50, 11, 2);
        const auto b = Trainer::epochOrder(50, 11, 2);
        const auto c = Trainer::epochOrder(50, 11, 3);
        // THEN the orders repeat exactly, differ between epochs and are permutations
        QCOMPARE(a, b);
        QVERIFY(a != c);
        auto sorted = a;
        std::sort(sorted.begin(), sorted.end());
        for (int64_t i = 0; i < 50; ++i)
            QCOMPARE(sorted[size_t(i)], i);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
