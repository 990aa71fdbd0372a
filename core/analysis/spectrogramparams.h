// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>

#include <vector>

namespace mirstudio {

/**
 * The FFT settings of a spectrogram: window size (a power of two is fastest), hop, window type
 * and which channel is analysed (-1 = the mean of all channels). Frame k is centred on sample
 * k * hop (zero-padded at both ends). Value type; any thread.
 */
struct SpectrogramParams
{
    enum class Window { Hann, Hamming, Blackman };

    int windowSize = 2048;
    int hop = 512;
    Window window = Window::Hann;
    int channel = -1;

    int bins() const { return windowSize / 2 + 1; }
    /** Centre frequency of `bin` in Hz at `sampleRate`. */
    double binHz(double bin, double sampleRate) const { return bin * sampleRate / windowSize; }
    /** Number of frames for a signal of `samples` samples (frame k centred on k * hop). */
    long long frameCount(long long samples) const { return samples <= 0 ? 0 : 1 + (samples - 1) / hop; }
    /** The window's coefficients (periodic form, as used for spectral analysis). */
    std::vector<float> windowCoefficients() const;

    bool operator==(const SpectrogramParams &) const = default;
};

inline size_t qHash(const SpectrogramParams &p, size_t seed = 0)
{
    return qHashMulti(seed, p.windowSize, p.hop, int(p.window), p.channel);
}

} // namespace mirstudio
