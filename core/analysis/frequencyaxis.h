// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio {

/**
 * Maps a vertical position (fraction 0 = bottom, 1 = top) to a frequency and back, on a
 * linear, log-frequency, mel or piano-key scale between `minHz` and `maxHz`. The piano-key
 * scale is logarithmic in semitones and spans MIDI keys 21..108 (A0..C8) by default so rows
 * line up with keys. Applied by views when they resample tiles; never inside the FFT.
 * Value type; any thread.
 */
class FrequencyAxis
{
public:
    enum class Scale { Linear, Log, Mel, PianoKey };

    FrequencyAxis() = default;
    FrequencyAxis(Scale scale, double minHz, double maxHz);
    /** The piano-key axis from key `lowKey` to `highKey` (centres at the ends). */
    static FrequencyAxis pianoKeys(int lowKey = 21, int highKey = 108);

    Scale scale() const { return m_scale; }
    double minHz() const { return m_minHz; }
    double maxHz() const { return m_maxHz; }

    double hzForFraction(double fraction) const;
    double fractionForHz(double hz) const;

    static double hzToMel(double hz);
    static double melToHz(double mel);
    static double keyToHz(double key);
    static double hzToKey(double hz);

private:
    double warp(double hz) const;
    double unwarp(double value) const;

    Scale m_scale = Scale::Linear;
    double m_minHz = 0.0;
    double m_maxHz = 22050.0;
};

} // namespace mirstudio
