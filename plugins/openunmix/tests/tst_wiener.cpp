// SPDX-License-Identifier: GPL-3.0-or-later
// Properties of the toolkit's multichannel Wiener filter (its exact values are checked end to end
// against the official code in tst_umxfidelity).
#include "plugins/toolkit/wiener.h"

#include <QTest>

using namespace mirstudio::toolkit;

namespace {

double maxAbs(const torch::Tensor &t) { return t.abs().max().item<double>(); }

torch::Tensor randomComplex(std::vector<int64_t> shape)
{
    return torch::complex(torch::randn(shape), torch::randn(shape));
}

} // namespace

class TestWiener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { torch::manual_seed(7); }

    void inverseOfTwoByTwo()
    {
        // GIVEN random complex 2x2 (and 1x1) matrices WHEN inverted analytically
        const auto m = randomComplex({5, 3, 2, 2});
        const auto eye = torch::eye(2, torch::kComplexFloat);
        // THEN M · M⁻¹ is the identity
        QVERIFY(maxAbs(torch::matmul(m, invertComplexMatrices(m)) - eye) < 1e-4);
        const auto s = randomComplex({4, 1, 1});
        QVERIFY(maxAbs(s * invertComplexMatrices(s) - 1.0) < 1e-5);
    }

    void magnitudeWithMixPhase()
    {
        // GIVEN a mixture and magnitudes WHEN initial estimates are made without soft masks
        const auto mix = randomComplex({6, 9, 2});
        const auto mags = torch::rand({6, 9, 2, 3});
        const auto y = wienerInitialEstimates(mags, mix, false, false);
        // THEN each estimate has the given magnitude and the mixture's phase
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{6, 9, 2, 3}));
        QVERIFY(maxAbs(y.abs() - mags) < 1e-5);
        QVERIFY(maxAbs(torch::angle(y) - torch::angle(mix).unsqueeze(-1).expand_as(mags)) < 1e-4);
    }

    void softmaskAndResidualSumToMix()
    {
        // GIVEN mono spectrograms (broadcast over stereo) WHEN soft masks with residual are made
        const auto mix = randomComplex({4, 7, 2});
        const auto y = wienerInitialEstimates(torch::rand({4, 7, 1, 2}) + 0.1, mix, true, true);
        // THEN there is one extra source and the estimates add up to the mixture
        QCOMPARE(y.size(-1), int64_t(3));
        QVERIFY(maxAbs(y.sum(-1) - mix) < 1e-5);
        QVERIFY(maxAbs(y.select(-1, 2)) < 1e-4); // the masks already sum to one
    }

    void emKeepsTheMixture()
    {
        // GIVEN estimates of three sources WHEN EM refines them (2 iterations, with scaling)
        const auto mix = randomComplex({20, 5, 2}) * 30.0;
        WienerConfig config;
        config.iterations = 2;
        const auto y = wiener(torch::rand({20, 5, 2, 3}) * 30.0, mix, config);
        // THEN the Wiener gains sum to Cxx⁻¹(Cxx − √eps I): the estimates still add up to the mix
        QVERIFY(maxAbs(y.sum(-1) - mix) < 1e-3 * maxAbs(mix));
        // AND a source with zero magnitude everywhere stays silent
        auto mags = torch::rand({20, 5, 2, 3});
        mags.select(-1, 1).zero_();
        QVERIFY(maxAbs(wiener(mags, mix, config).select(-1, 1)) < 1e-6);
    }

    void windowsAreIndependent()
    {
        // GIVEN 25 frames WHEN filtered in windows of 10 frames
        const auto mix = randomComplex({25, 4, 2});
        const auto mags = torch::rand({25, 4, 2, 2});
        WienerConfig config;
        config.windowFrames = 10;
        const auto windowed = wienerWindowed(mags, mix, config);
        // THEN each window equals filtering that window alone
        QVERIFY(maxAbs(windowed.narrow(0, 10, 10) - wiener(mags.narrow(0, 10, 10), mix.narrow(0, 10, 10), config)) < 1e-6);
        QVERIFY(maxAbs(windowed.narrow(0, 20, 5) - wiener(mags.narrow(0, 20, 5), mix.narrow(0, 20, 5), config)) < 1e-6);
        // AND a window covering everything gives the unwindowed result
        config.windowFrames = 0;
        QVERIFY(maxAbs(wienerWindowed(mags, mix, config) - wiener(mags, mix, config)) < 1e-6);
    }

    void oneSourceNeedsResidualForEm()
    {
        // GIVEN one source WHEN EM is asked for THEN it is refused; with the residual it runs
        const auto mix = randomComplex({3, 4, 2});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, wiener(torch::rand({3, 4, 2, 1}), mix, {}));
        WienerConfig config;
        config.residual = true;
        QCOMPARE(wiener(torch::rand({3, 4, 2, 1}), mix, config).size(-1), int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestWiener)
#include "tst_wiener.moc"
