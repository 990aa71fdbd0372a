// SPDX-License-Identifier: GPL-3.0-or-later
// The toolkit's stft()/istft() against Python torch.stft/torch.istft (tests/data/toolkit/
// stft_reference.pt, made by make_stft_reference.py) and a round trip.
#include <torch/torch.h>

#include "plugins/toolkit/stft.h"

#include <QTest>

#include <fstream>
#include <iterator>

using namespace mirstudio::toolkit;

namespace {

c10::Dict<c10::IValue, c10::IValue> loadReference()
{
    std::ifstream in(MIRSTUDIO_TEST_DATA_DIR "/toolkit/stft_reference.pt", std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    return torch::pickle_load(bytes).toGenericDict();
}

double relativeError(const torch::Tensor &actual, const torch::Tensor &expected)
{
    return (actual - expected).abs().max().item<double>()
        / std::max(1e-12, expected.abs().max().item<double>());
}

} // namespace

class TestStft : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesTorchStft_data();
    void matchesTorchStft();
    void roundTripRestoresSignal();
    void windowsArePeriodic();
    void rejectsBadConfig();
};

void TestStft::matchesTorchStft_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("nFft");
    QTest::addColumn<int>("hop");
    QTest::addColumn<int>("winLength");
    QTest::addColumn<int>("window");
    QTest::addColumn<bool>("center");
    QTest::addColumn<bool>("reflect");
    QTest::addColumn<bool>("normalized");
    const int hann = int(WindowType::Hann);
    const int hamming = int(WindowType::Hamming);
    QTest::newRow("center reflect stereo") << "c512_reflect" << "x_stereo" << 512 << 128 << 512
                                           << hann << true << true << false;
    QTest::newRow("center constant mono") << "c1024_constant" << "x_mono" << 1024 << 256 << 1024
                                          << hann << true << false << false;
    QTest::newRow("short hamming window") << "c256_win200_hamming" << "x_stereo" << 256 << 64
                                          << 200 << hamming << true << true << false;
    QTest::newRow("normalized") << "c512_normalized" << "x_mono" << 512 << 160 << 512 << hann
                                << true << true << true;
    QTest::newRow("uncentred stereo") << "u512" << "x_stereo" << 512 << 128 << 512 << hann
                                      << false << true << false;
    QTest::newRow("uncentred hop 300") << "u1024_hop300" << "x_mono" << 1024 << 300 << 1024
                                       << hann << false << true << false;
}

void TestStft::matchesTorchStft()
{
    QFETCH(QString, name);
    QFETCH(QString, input);
    QFETCH(int, nFft);
    QFETCH(int, hop);
    QFETCH(int, winLength);
    QFETCH(int, window);
    QFETCH(bool, center);
    QFETCH(bool, reflect);
    QFETCH(bool, normalized);
    // GIVEN the Python inputs and outputs for one configuration
    const auto ref = loadReference();
    const torch::Tensor x = ref.at(input.toStdString()).toTensor();
    const torch::Tensor expectedX = torch::view_as_complex(
        ref.at((name + "_X").toStdString()).toTensor());
    const torch::Tensor expectedY = ref.at((name + "_y").toStdString()).toTensor();
    StftConfig config;
    config.nFft = nFft;
    config.hop = hop;
    config.winLength = winLength;
    config.window = WindowType(window);
    config.center = center;
    config.reflectPad = reflect;
    config.normalized = normalized;

    // WHEN the toolkit transforms the same input forwards and backwards
    const torch::Tensor X = stft(x, config);
    const torch::Tensor y = center ? istft(expectedX, config, x.size(-1))
                                   : istft(expectedX, config);

    // THEN shapes and values are Python's (float32 rounding only)
    QCOMPARE(X.sizes().vec(), expectedX.sizes().vec());
    QCOMPARE(X.scalar_type(), torch::kComplexFloat);
    QVERIFY2(relativeError(torch::view_as_real(X), torch::view_as_real(expectedX)) < 1e-6,
             qPrintable(QString::number(relativeError(torch::view_as_real(X),
                                                      torch::view_as_real(expectedX)))));
    QCOMPARE(y.sizes().vec(), expectedY.sizes().vec());
    // Uncentred: the first and last nFft samples divide by a window envelope that falls to ~0,
    // so rounding there depends on the compiler's optimisation (-O3 differs by 5e-4 of peak);
    // callers trim them (the U-Net separator drops 5000 samples per side). Compare the interior.
    const int64_t edge = center ? 0 : std::min<int64_t>(nFft, y.size(-1) / 4);
    const auto inner = torch::indexing::Slice(edge, y.size(-1) - edge);
    const torch::Tensor yIn = y.index({torch::indexing::Ellipsis, inner});
    const torch::Tensor expectedIn = expectedY.index({torch::indexing::Ellipsis, inner});
    QVERIFY2(relativeError(yIn, expectedIn) < 1e-5,
             qPrintable(QString::number(relativeError(yIn, expectedIn))));
}

void TestStft::roundTripRestoresSignal()
{
    // GIVEN a stereo signal of a length that is not a whole number of hops
    torch::manual_seed(7);
    const torch::Tensor x = torch::randn({2, 10007});
    for (bool center : {true, false}) {
        StftConfig config;
        config.nFft = 2048;
        config.hop = 512;
        config.center = center;
        // WHEN it goes through stft and istft
        const torch::Tensor y = istft(stft(x, config), config, x.size(-1));
        // THEN the signal comes back. Uncentred, only where frames fully overlap: near the
        // ends the Hann envelope tends to zero and float32 rounding of X is amplified.
        QCOMPARE(y.sizes().vec(), x.sizes().vec());
        const int64_t covered = 2048 + 512 * ((x.size(-1) - 2048) / 512);
        const int64_t first = center ? 0 : 2048;
        const int64_t end = center ? x.size(-1) : covered - 2048;
        const double err = (y.narrow(-1, first, end - first)
                            - x.narrow(-1, first, end - first)).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString::number(err)));
    }
}

void TestStft::windowsArePeriodic()
{
    // GIVEN/WHEN a Hann window of 8 samples
    const torch::Tensor w = makeWindow(WindowType::Hann, 8);
    // THEN it is the periodic one: w[0] = 0, w[4] = 1, no second zero
    QCOMPARE(w.size(0), 8);
    QVERIFY(std::abs(w[0].item<float>()) < 1e-7f);
    QVERIFY(std::abs(w[4].item<float>() - 1.0f) < 1e-6f);
    QVERIFY(w[7].item<float>() > 0.1f);
    QCOMPARE(makeWindow(WindowType::Rectangular, 5).sum().item<float>(), 5.0f);
}

void TestStft::rejectsBadConfig()
{
    // GIVEN a window longer than the FFT, or a signal shorter than one uncentred frame
    StftConfig tooLong;
    tooLong.nFft = 256;
    tooLong.winLength = 512;
    StftConfig uncentred;
    uncentred.nFft = 1024;
    uncentred.center = false;
    // WHEN/THEN stft refuses with std::invalid_argument
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stft(torch::zeros({4096}), tooLong));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stft(torch::zeros({100}), uncentred));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             istft(torch::zeros({100, 4}, torch::kComplexFloat), uncentred));
}

QTEST_GUILESS_MAIN(TestStft)
#include "tst_stft.moc"
