// SPDX-License-Identifier: GPL-3.0-or-later
// Plain SDR (10 log10 |s|^2 / |s - s_hat|^2), with known-answer signals.
#include "core/analysis/plainsdr.h"
#include "core/media/audiodata.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace mirstudio;

namespace {

media::AudioData sine(int channels, std::int64_t frames, double amplitude)
{
    auto a = media::AudioData::silence(channels, frames, 48000);
    for (auto &ch : a.channels)
        for (std::size_t i = 0; i < ch.size(); ++i)
            ch[i] = float(amplitude * std::sin(2.0 * std::numbers::pi * 100.0 * double(i) / 48000.0));
    return a;
}

} // namespace

class TestPlainSdr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownAnswers()
    {
        // GIVEN a 100 Hz reference of amplitude 0.5 (mean square 0.125), 1 s, stereo
        const auto ref = sine(2, 48000, 0.5);
        // WHEN the estimate is exact THEN the SDR is +infinity
        QVERIFY(std::isinf(PlainSdr::compute(ref, ref)));
        // WHEN the estimate is the reference at half level THEN the error is half the signal: 6.02 dB
        QVERIFY(std::abs(PlainSdr::compute(ref, sine(2, 48000, 0.25)) - 20.0 * std::log10(2.0)) < 1e-6);
        // WHEN +-0.05 alternating noise is added (mean square 0.0025) THEN 10 log10(50) = 16.99 dB
        auto noisy = ref;
        for (auto &ch : noisy.channels)
            for (std::size_t i = 0; i < ch.size(); ++i)
                ch[i] += i % 2 ? 0.05f : -0.05f;
        QVERIFY(std::abs(PlainSdr::compute(ref, noisy) - 10.0 * std::log10(50.0)) < 1e-3);
        // WHEN the estimate is mono and longer THEN it is compared on both channels over the common frames
        QVERIFY(std::abs(PlainSdr::compute(ref, sine(1, 96000, 0.25)) - 20.0 * std::log10(2.0)) < 1e-6);
        // WHEN the reference is silent or a signal empty THEN there is no SDR (NaN)
        QVERIFY(std::isnan(PlainSdr::compute(media::AudioData::silence(2, 100, 48000), ref)));
        QVERIFY(std::isnan(PlainSdr::compute(ref, media::AudioData())));
    }
};

QTEST_GUILESS_MAIN(TestPlainSdr)
#include "tst_plainsdr.moc"
