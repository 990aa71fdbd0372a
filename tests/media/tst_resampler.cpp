// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/mediaerror.h"
#include "core/media/resampler.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <numbers>

using namespace mirstudio::media;

Q_DECLARE_METATYPE(ResampleQuality)

namespace {

AudioData sine(double freq, double seconds, int rate, int channels = 1, double amp = 0.5)
{
    const auto frames = static_cast<std::int64_t>(std::llround(seconds * rate));
    AudioData d = AudioData::silence(channels, frames, rate);
    for (int c = 0; c < channels; ++c)
        for (std::int64_t f = 0; f < frames; ++f)
            d.channels[c][f] =
                float(amp * std::sin(2 * std::numbers::pi * freq * double(f) / rate + 0.3 * c));
    return d;
}

/** SNR in dB of `x` against the exact sine, over [from, to). */
double snrAgainstSine(const std::vector<float> &x, double freq, int rate, double amp,
                      std::size_t from, std::size_t to)
{
    double sig = 0, err = 0;
    for (std::size_t i = from; i < to; ++i) {
        const double ref = amp * std::sin(2 * std::numbers::pi * freq * double(i) / rate);
        sig += ref * ref;
        err += (x[i] - ref) * (x[i] - ref);
    }
    return 10 * std::log10(sig / std::max(err, 1e-30));
}

/** Phase (radians) of the `freq` component of x over [from, to), by correlation. */
double phaseOf(const std::vector<float> &x, double freq, int rate, std::size_t from, std::size_t to)
{
    double s = 0, c = 0;
    for (std::size_t i = from; i < to; ++i) {
        const double w = 2 * std::numbers::pi * freq * double(i) / rate;
        s += x[i] * std::sin(w);
        c += x[i] * std::cos(w);
    }
    return std::atan2(c, s); // 0 for a sine that starts at phase 0
}

int zeroCrossings(const std::vector<float> &x)
{
    int n = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        if ((x[i - 1] < 0.0f) != (x[i] < 0.0f))
            ++n;
    return n;
}

} // namespace

class TestResampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip44to48to44IsClean()
    {
        // GIVEN 2 s of a 1 kHz sine at 44.1 kHz
        const AudioData in = sine(1000.0, 2.0, 44100);
        // WHEN it goes to 48 kHz and back at best quality
        const AudioData up = resample(in, 48000);
        const AudioData back = resample(up, 44100);
        // THEN the lengths are exact
        QCOMPARE(up.sampleRate, 48000);
        QCOMPARE(up.frames(), std::int64_t(96000));
        QCOMPARE(back.sampleRate, 44100);
        QCOMPARE(back.frames(), in.frames());
        // AND away from the edges both are the ideal sine to better than 80 dB (which also
        // means there is no delay: a shift of 1/100 sample would cost far more)
        const double snrUp = snrAgainstSine(up.channels[0], 1000.0, 48000, 0.5, 4800, 96000 - 4800);
        const double snrBack =
            snrAgainstSine(back.channels[0], 1000.0, 44100, 0.5, 4410, 88200 - 4410);
        qInfo("SNR 44.1->48 kHz: %.1f dB, back to 44.1 kHz: %.1f dB", snrUp, snrBack);
        QVERIFY2(snrUp > 80.0, qPrintable(QString::number(snrUp)));
        QVERIFY2(snrBack > 80.0, qPrintable(QString::number(snrBack)));
    }

    void phaseAndOnsetArePreserved()
    {
        // GIVEN a 1 kHz sine at 44.1 kHz
        const AudioData in = sine(1000.0, 1.0, 44100);
        // WHEN it is converted to 48 kHz
        const AudioData out = resample(in, 48000);
        // THEN its phase is unchanged: the time shift is well under one output sample
        const double phase = phaseOf(out.channels[0], 1000.0, 48000, 4800, 43200);
        const double shiftSamples = phase / (2 * std::numbers::pi * 1000.0) * 48000.0;
        qInfo("phase shift: %.5f samples", shiftSamples);
        QVERIFY2(std::abs(shiftSamples) < 0.05, qPrintable(QString::number(shiftSamples)));

        // GIVEN silence with a single impulse at frame 4410 (0.1 s)
        AudioData click = AudioData::silence(1, 44100, 44100);
        click.channels[0][4410] = 1.0f;
        // WHEN resampled to 48 kHz
        const AudioData c48 = resample(click, 48000);
        // THEN the peak lands at 0.1 s = frame 4800, within one sample
        const auto &y = c48.channels[0];
        const auto peakAt = std::max_element(y.begin(), y.end(),
                                             [](float a, float b) { return std::abs(a) < std::abs(b); })
            - y.begin();
        QVERIFY2(std::abs(peakAt - 4800) <= 1, qPrintable(QString::number(peakAt)));
    }

    void upsamplingKeepsFrequency()
    {
        // GIVEN 1 s of 1 kHz at 22.05 kHz
        const AudioData in = sine(1000.0, 1.0, 22050);
        QCOMPARE(zeroCrossings(in.channels[0]), 1999);
        // WHEN doubled to 44.1 kHz
        const AudioData out = resample(in, 44100);
        // THEN it is twice as long and still crosses zero 2000 times a second (1 kHz)
        QCOMPARE(out.frames(), std::int64_t(44100));
        const int crossings = zeroCrossings(out.channels[0]);
        QVERIFY2(std::abs(crossings - 1999) <= 2, qPrintable(QString::number(crossings)));
        const double snr = snrAgainstSine(out.channels[0], 1000.0, 44100, 0.5, 2205, 44100 - 2205);
        QVERIFY2(snr > 80.0, qPrintable(QString::number(snr)));
    }

    void chunkedEqualsOneShot_data()
    {
        QTest::addColumn<ResampleQuality>("quality");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("best 44100->48000") << ResampleQuality::Best << 44100 << 48000;
        QTest::newRow("medium 48000->22050") << ResampleQuality::Medium << 48000 << 22050;
        QTest::newRow("fastest 8000->44100") << ResampleQuality::Fastest << 8000 << 44100;
    }
    void chunkedEqualsOneShot()
    {
        QFETCH(ResampleQuality, quality);
        QFETCH(int, from);
        QFETCH(int, to);
        // GIVEN a stereo sine with noise
        AudioData in = sine(440.0, 1.5, from, 2);
        std::uint32_t lcg = 7;
        for (auto &ch : in.channels)
            for (float &v : ch) {
                lcg = lcg * 1664525u + 1013904223u;
                v += float((double(lcg >> 8) / double(1 << 24) - 0.5) * 0.1);
            }
        const AudioData oneShot = resample(in, to, quality);
        // WHEN it is pushed through a Resampler in uneven chunks (1, 7, 100, 4096, 10007, ...)
        Resampler r(2, from, to, quality);
        AudioData joined = AudioData::silence(2, 0, to);
        auto append = [&](const AudioData &part) {
            QCOMPARE(part.sampleRate, to);
            QCOMPARE(part.channelCount(), 2);
            for (int c = 0; c < 2; ++c)
                joined.channels[c].insert(joined.channels[c].end(), part.channels[c].begin(),
                                          part.channels[c].end());
        };
        const int sizes[] = {1, 7, 100, 4096, 10007, 3, 9000};
        std::int64_t pos = 0;
        for (int k = 0; pos < in.frames(); ++k) {
            const std::int64_t n = std::min<std::int64_t>(sizes[k % 7], in.frames() - pos);
            AudioData chunk = AudioData::silence(2, n, from);
            for (int c = 0; c < 2; ++c)
                std::copy_n(in.channels[c].begin() + pos, n, chunk.channels[c].begin());
            append(r.process(chunk));
            pos += n;
        }
        append(r.flush());
        // THEN the output is the one-shot output, exactly as long, within 1e-6
        const auto expectedFrames = std::int64_t(std::llround(double(in.frames()) * to / from));
        QCOMPARE(oneShot.frames(), expectedFrames);
        QCOMPARE(joined.frames(), expectedFrames);
        double worst = 0;
        for (int c = 0; c < 2; ++c)
            for (std::int64_t f = 0; f < joined.frames(); ++f)
                worst = std::max(worst, double(std::abs(joined.channels[c][f] - oneShot.channels[c][f])));
        qInfo("largest chunked vs one-shot difference: %g", worst);
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
        // AND a flushed resampler refuses more input until reset
        QVERIFY_THROWS_EXCEPTION(MediaError, r.process(AudioData::silence(2, 10, from)));
        r.reset();
        QCOMPARE(r.process(AudioData::silence(2, 10, from)).channelCount(), 2);
    }

    void lengthIsRoundedExactly_data()
    {
        QTest::addColumn<std::int64_t>("frames");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("1001 44100->48000") << std::int64_t(1001) << 44100 << 48000; // 1089.52
        QTest::newRow("1000 48000->44100") << std::int64_t(1000) << 48000 << 44100; // 918.75
        QTest::newRow("1 frame 8000->96000") << std::int64_t(1) << 8000 << 96000;   // 12
        QTest::newRow("3 frames 48000->16000") << std::int64_t(3) << 48000 << 16000; // 1
        QTest::newRow("0 frames") << std::int64_t(0) << 44100 << 48000;
    }
    void lengthIsRoundedExactly()
    {
        QFETCH(std::int64_t, frames);
        QFETCH(int, from);
        QFETCH(int, to);
        // GIVEN stereo input of `frames` frames
        AudioData in = AudioData::silence(2, frames, from);
        for (auto &ch : in.channels)
            std::fill(ch.begin(), ch.end(), 0.25f);
        // WHEN resampled THEN the length is round(frames * to / from)
        const AudioData out = resample(in, to, ResampleQuality::Medium);
        QCOMPARE(out.frames(), std::int64_t(std::llround(double(frames) * to / from)));
        QCOMPARE(out.channelCount(), 2);
        QCOMPARE(out.sampleRate, to);
    }

    void invalidRequestsThrow()
    {
        // GIVEN some audio THEN impossible conversions are MediaErrors, not crashes
        const AudioData in = sine(100.0, 0.1, 44100);
        QVERIFY_THROWS_EXCEPTION(MediaError, resample(in, 0));
        QVERIFY_THROWS_EXCEPTION(MediaError, resample(in, 44100 * 300)); // beyond 768 kHz
        QVERIFY_THROWS_EXCEPTION(MediaError, resample(in, 100));          // ratio < 1/256
        AudioData noRate = in;
        noRate.sampleRate = 0;
        QVERIFY_THROWS_EXCEPTION(MediaError, resample(noRate, 48000));
        AudioData ragged = sine(100.0, 0.1, 44100, 2);
        ragged.channels[1].resize(10);
        QVERIFY_THROWS_EXCEPTION(MediaError, resample(ragged, 48000));
        QVERIFY_THROWS_EXCEPTION(MediaError, Resampler(0, 44100, 48000));
        Resampler r(1, 44100, 48000);
        QVERIFY_THROWS_EXCEPTION(MediaError, r.process(sine(100.0, 0.1, 44100, 2)));
        // AND the same rate is a plain copy
        QCOMPARE(resample(in, 44100), in);
    }
};

QTEST_GUILESS_MAIN(TestResampler)
#include "tst_resampler.moc"
