// SPDX-License-Identifier: GPL-3.0-or-later
// MIG, Modularity, SAP and reconstruction accuracy on hand-made codes with known answers.
#include "plugins/toolkit/disentanglement.h"

#include <QTest>

using mirstudio::toolkit::Disentanglement;

namespace {

// N rows of 3 independent uniform factors with 4, 3 and 2 values (a full grid, repeated).
torch::Tensor gridFactors(int64_t repeats)
{
    std::vector<int64_t> v;
    for (int64_t r = 0; r < repeats; ++r)
        for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 3; ++b)
                for (int c = 0; c < 2; ++c)
                    v.insert(v.end(), {a, b, c});
    return torch::tensor(v).view({-1, 3});
}

} // namespace

class TestDisentanglement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutualInformationOfKnownDistributions()
    {
        // GIVEN a uniform 4-valued label WHEN its MI with itself is taken THEN it is ln 4
        const auto a = torch::tensor({0, 1, 2, 3, 0, 1, 2, 3});
        QVERIFY(std::abs(Disentanglement::mutualInformation(a, a) - std::log(4.0)) < 1e-12);
        // AND with an independent label it is 0
        const auto b = torch::tensor({0, 0, 0, 0, 1, 1, 1, 1});
        QVERIFY(std::abs(Disentanglement::mutualInformation(a, b)) < 1e-12);
    }

    void discretiseEqualWidthBins()
    {
        // GIVEN values 0..10 WHEN put into 5 bins THEN edges are 0,2,4,6,8,10 and the max is in bin 5
        const auto codes = torch::arange(11, torch::kDouble).view({-1, 1});
        const auto bins = Disentanglement::discretise(codes, 5).view({-1});
        QCOMPARE(bins[0].item<int64_t>(), int64_t(1));
        QCOMPARE(bins[1].item<int64_t>(), int64_t(1));
        QCOMPARE(bins[2].item<int64_t>(), int64_t(2));
        QCOMPARE(bins[10].item<int64_t>(), int64_t(5));
    }

    void perfectlyDisentangledCodes()
    {
        // GIVEN codes that are the factors themselves plus a constant dimension
        torch::manual_seed(0);
        const auto f = gridFactors(20);
        const auto codes = torch::cat({f.to(torch::kDouble), torch::zeros({f.size(0), 1}, torch::kDouble)}, 1);
        // WHEN the metrics are computed
        const auto mig = Disentanglement::mig(codes, f);
        // THEN MIG = 1 for every factor, modularity counts 3 perfect codes and 1 empty code, SAP is high
        QVERIFY(std::abs(mig.mig - 1.0) < 1e-9);
        QCOMPARE(int(mig.perFactor.size()), 3);
        QVERIFY(std::abs(Disentanglement::modularity(codes, f) - 0.75) < 1e-9);
        const auto shuffled = torch::randperm(f.size(0));
        const double sap = Disentanglement::sap(codes.index_select(0, shuffled), f.index_select(0, shuffled));
        qInfo("SAP of perfect codes %.3f", sap);
        QVERIFY(sap > 0.4);
    }

    void entangledAndUninformativeCodes()
    {
        // GIVEN codes independent of the factors (noise)
        torch::manual_seed(1);
        const auto f = gridFactors(200);
        const auto noise = torch::randn({f.size(0), 4}, torch::kDouble);
        // THEN MIG and SAP are near 0
        const double migNoise = Disentanglement::mig(noise, f).mig;
        const double sapNoise = Disentanglement::sap(noise, f);
        qInfo("noise: MIG %.4f SAP %.4f", migNoise, sapNoise);
        QVERIFY(migNoise < 0.05);
        QVERIFY(sapNoise < 0.05);
        // GIVEN a single code copying one factor twice (two codes share it)
        const auto twice = torch::cat({f.select(1, 0).unsqueeze(1), f.select(1, 0).unsqueeze(1)}, 1).to(torch::kDouble);
        // THEN that factor's MIG gap is 0
        QVERIFY(Disentanglement::mig(twice, f).perFactor[0] < 1e-9);
        // GIVEN one code mixing two factors THEN its modularity is below 1
        const auto mixed = (f.select(1, 0) * 3 + f.select(1, 1)).to(torch::kDouble).unsqueeze(1);
        QVERIFY(Disentanglement::modularity(mixed, f) < 0.9);
    }

    void reconstructionAccuracyCountsArgmaxHits()
    {
        // GIVEN scores whose argmax hits 3 of 4 targets THEN the accuracy is 0.75
        auto scores = torch::zeros({1, 4, 3});
        scores[0][0][1] = 1;
        scores[0][1][2] = 1;
        scores[0][2][0] = 1;
        scores[0][3][0] = 1;
        const auto targets = torch::tensor({1, 2, 0, 2}).view({1, 4});
        QCOMPARE(Disentanglement::reconstructionAccuracy(scores, targets), 0.75);
    }
};

QTEST_GUILESS_MAIN(TestDisentanglement)
#include "tst_disentanglement.moc"
