// SPDX-License-Identifier: GPL-3.0-or-later
// Training objectives (annealing schedules, KL terms) and short seeded runs that lower the loss.
#include "plugins/dmelodies/dmelodiesfactors.h"
#include "plugins/dmelodies/factordiscriminator.h"
#include "plugins/dmelodies/melodysplit.h"
#include "plugins/dmelodies/vaetraining.h"

#include <QTest>
#include <set>

using namespace mirstudio::dmelodies;

namespace {
double meanOf(const std::vector<mirstudio::toolkit::LossPoint> &c, size_t from, size_t to)
{
    double s = 0;
    for (size_t i = from; i < to; ++i)
        s += c[i].value;
    return s / double(to - from);
}
} // namespace

class TestDMelodiesTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void annealingSchedules()
    {
        // GIVEN the β-VAE objective β = 4 annealed over 100 steps after 10 warm-up steps
        VaeObjective o = VaeObjective::defaults(VaeObjective::Kind::Beta);
        o.beta = 4.0;
        o.annealSteps = 100;
        o.warmupSteps = 10;
        // THEN β_t is 0 before and at the start, exp(t ln5 / 100) − 1 during, 4 after
        QCOMPARE(o.betaAt(5), 0.0);
        QVERIFY(std::abs(o.betaAt(60) - (std::exp(50 * std::log(5.0) / 100) - 1)) < 1e-12);
        QCOMPARE(o.betaAt(1000), 4.0);
        // AND the KL term is relu(β KL − C)
        QCOMPARE(o.klTerm(torch::tensor(10.0), 1000).item<double>(), 0.0);
        QCOMPARE(o.klTerm(torch::tensor(20.0), 1000).item<double>(), 30.0);
        // GIVEN the annealed objective THEN the capacity grows to C and the term is β |KL − C_t|
        VaeObjective a = VaeObjective::defaults(VaeObjective::Kind::Annealed);
        a.capacity = 25;
        a.annealSteps = 100;
        QCOMPARE(a.capacityAt(0), 0.0);
        QCOMPARE(a.capacityAt(100), 25.0);
        QVERIFY(std::abs(a.klTerm(torch::tensor(5.0), 100).item<double>() - 20.0) < 1e-9);
    }

    void splitIsAPartition()
    {
        // GIVEN seed 0 WHEN the dataset is split THEN 70/20/10 % of all indices, disjoint
        const auto tr = MelodySplit::indices(MelodySplit::Part::Train, 0);
        const auto va = MelodySplit::indices(MelodySplit::Part::Validation, 0);
        const auto te = MelodySplit::indices(MelodySplit::Part::Test, 0);
        QCOMPARE(int64_t(tr.size() + va.size() + te.size()), kMelodyCount);
        QCOMPARE(int64_t(tr.size()), int64_t(double(kMelodyCount) * 0.7));
        std::set<int64_t> testSet(te.begin(), te.end());
        for (size_t i = 0; i < tr.size(); i += 101)
            QVERIFY(!testSet.count(tr[i]));
    }

    void permutedCodesKeepMarginals()
    {
        // GIVEN codes WHEN permuted dimension-wise THEN every column holds the same values
        const auto z = torch::randn({50, 4});
        const auto p = FactorDiscriminatorImpl::permuteDims(z);
        QVERIFY(torch::allclose(std::get<0>(z.sort(0)), std::get<0>(p.sort(0))));
    }

    void shortRunsLowerTheLoss_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("objective");
        QTest::newRow("cnn beta") << QStringLiteral("cnn") << QStringLiteral("beta");
        QTest::newRow("cnn factor") << QStringLiteral("cnn") << QStringLiteral("factor");
        QTest::newRow("rnn beta") << QStringLiteral("rnn") << QStringLiteral("beta");
    }

    void shortRunsLowerTheLoss()
    {
        QFETCH(QString, model);
        QFETCH(QString, objective);
        // GIVEN a seeded short run WHEN trained THEN the last losses are below the first ones
        VaeModel m(VaeModel::kindFromName(model));
        VaeTrainingConfig c;
        c.objective = VaeObjective::defaults(VaeObjective::kindFromName(objective));
        c.objective.annealSteps = 40;
        c.steps = 60;
        c.batch = 32;
        c.learningRate = 3e-3;
        const auto r = VaeTraining::run(m, c);
        QCOMPARE(int64_t(r.curve.size()), c.steps);
        const size_t n = r.curve.size();
        const double first = meanOf(r.curve, 0, 5), last = meanOf(r.curve, n - 5, n);
        qInfo("%s %s: loss %.3f -> %.3f", qPrintable(model), qPrintable(objective), first, last);
        QVERIFY(last < first);
    }

    void seededRunsAreDeterministic()
    {
        // GIVEN two runs with the same seed THEN their loss curves are identical
        auto once = [] {
            torch::manual_seed(9); // the initial weights
            VaeModel m(VaeModel::Kind::Cnn);
            VaeTrainingConfig c;
            c.steps = 5;
            c.batch = 8;
            c.seed = 9;
            return VaeTraining::run(m, c).curve;
        };
        const auto a = once(), b = once();
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i].value, b[i].value);
    }
};

QTEST_GUILESS_MAIN(TestDMelodiesTraining)
#include "tst_dmelodiestraining.moc"
