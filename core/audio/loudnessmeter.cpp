// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/loudnessmeter.h"

#include "core/media/audiodata.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace mirstudio {

namespace {

/** A direct-form-I biquad, normalised by a0. */
struct Biquad
{
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;

    double operator()(double x)
    {
        const double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }
};

/**
 * BS.1770 stage 1: the head's high shelf, +4 dB above 1.5 kHz (an RBJ shelf whose 48 kHz
 * coefficients equal the standard's to within 1e-4).
 */
Biquad highShelf(double rate)
{
    constexpr double gainDb = 4.0, q = 0.70710678118654752, fc = 1500.0;
    const double a = std::pow(10.0, gainDb / 40.0);
    const double w = 2.0 * std::numbers::pi * fc / rate;
    const double alpha = std::sin(w) / (2.0 * q), c = std::cos(w), sa = 2.0 * std::sqrt(a) * alpha;
    const double a0 = (a + 1) - (a - 1) * c + sa;
    Biquad f;
    f.b0 = a * ((a + 1) + (a - 1) * c + sa) / a0;
    f.b1 = -2 * a * ((a - 1) + (a + 1) * c) / a0;
    f.b2 = a * ((a + 1) + (a - 1) * c - sa) / a0;
    f.a1 = 2 * ((a - 1) - (a + 1) * c) / a0;
    f.a2 = ((a + 1) - (a - 1) * c - sa) / a0;
    return f;
}

/** BS.1770 stage 2: the RLB high pass (~38 Hz), unity numerator as in the standard. */
Biquad highPass(double rate)
{
    constexpr double q = 0.5003270373238773, fc = 38.13547087602444;
    const double w = 2.0 * std::numbers::pi * fc / rate;
    const double alpha = std::sin(w) / (2.0 * q), c = std::cos(w);
    const double a0 = 1 + alpha;
    Biquad f;
    f.b0 = 1.0;
    f.b1 = -2.0;
    f.b2 = 1.0;
    f.a1 = -2 * c / a0;
    f.a2 = (1 - alpha) / a0;
    return f;
}

double toLufs(double meanSquare)
{
    return meanSquare > 0 ? -0.691 + 10.0 * std::log10(meanSquare)
                          : -std::numeric_limits<double>::infinity();
}

} // namespace

double LoudnessMeter::integratedLoudness(const media::AudioData &audio)
{
    const auto frames = std::size_t(std::max<std::int64_t>(0, audio.frames()));
    if (frames == 0 || audio.channels.empty() || audio.sampleRate <= 0)
        return -std::numeric_limits<double>::infinity();
    const auto step = std::max<std::size_t>(1, std::size_t(std::lround(0.1 * audio.sampleRate)));
    const std::size_t block = std::min(frames, 4 * step);
    const std::size_t blocks = frames < 4 * step ? 1 : (frames - block) / step + 1;
    // Squared K-weighted samples summed per 100 ms hop, all channels (each hop counted once).
    std::vector<double> hopEnergy((frames + step - 1) / step, 0.0);
    const double channelWeight = audio.channels.size() == 1 ? 2.0 : 1.0;
    for (const auto &ch : audio.channels) {
        Biquad shelf = highShelf(audio.sampleRate), pass = highPass(audio.sampleRate);
        for (std::size_t i = 0; i < frames; ++i) {
            const double y = pass(shelf(double(ch[i])));
            hopEnergy[i / step] += channelWeight * y * y;
        }
    }
    std::vector<double> z(blocks);
    for (std::size_t j = 0; j < blocks; ++j) {
        // Block j covers hops j..j+3 (or every hop when the signal is shorter than a block).
        double e = 0;
        for (std::size_t h = j; h < std::min(hopEnergy.size(), j + 4); ++h)
            e += hopEnergy[h];
        z[j] = e / double(block);
    }
    auto gatedMean = [&](double threshold) {
        double sum = 0;
        std::size_t n = 0;
        for (double v : z)
            if (toLufs(v) > threshold) {
                sum += v;
                ++n;
            }
        return n ? sum / double(n) : 0.0;
    };
    const double absolute = gatedMean(-70.0);
    if (absolute <= 0)
        return -std::numeric_limits<double>::infinity();
    return toLufs(gatedMean(toLufs(absolute) - 10.0));
}

void LoudnessMeter::matchingGains(double lufsA, double lufsB, double &gainDbA, double &gainDbB)
{
    gainDbA = gainDbB = 0.0;
    if (!std::isfinite(lufsA) || !std::isfinite(lufsB))
        return;
    const double quiet = std::min(lufsA, lufsB);
    gainDbA = quiet - lufsA;
    gainDbB = quiet - lufsB;
}

} // namespace mirstudio
