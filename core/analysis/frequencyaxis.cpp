// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/frequencyaxis.h"

#include <algorithm>
#include <cmath>

namespace mirstudio {

namespace {
constexpr double logFloorHz = 20.0; // a log axis cannot start at 0 Hz
}

FrequencyAxis::FrequencyAxis(Scale scale, double minHz, double maxHz)
    : m_scale(scale), m_minHz(minHz), m_maxHz(maxHz)
{
    if (scale == Scale::Log || scale == Scale::PianoKey)
        m_minHz = std::max(m_minHz, logFloorHz);
    if (m_maxHz <= m_minHz)
        m_maxHz = m_minHz + 1.0;
}

FrequencyAxis FrequencyAxis::pianoKeys(int lowKey, int highKey)
{
    return FrequencyAxis(Scale::PianoKey, keyToHz(lowKey - 0.5), keyToHz(highKey + 0.5));
}

double FrequencyAxis::hzToMel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double FrequencyAxis::melToHz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }
double FrequencyAxis::keyToHz(double key) { return 440.0 * std::pow(2.0, (key - 69.0) / 12.0); }
double FrequencyAxis::hzToKey(double hz) { return 69.0 + 12.0 * std::log2(hz / 440.0); }

double FrequencyAxis::warp(double hz) const
{
    switch (m_scale) {
    case Scale::Linear: return hz;
    case Scale::Log: return std::log(std::max(hz, 1e-9));
    case Scale::Mel: return hzToMel(hz);
    case Scale::PianoKey: return hzToKey(std::max(hz, 1e-9));
    }
    return hz;
}

double FrequencyAxis::unwarp(double value) const
{
    switch (m_scale) {
    case Scale::Linear: return value;
    case Scale::Log: return std::exp(value);
    case Scale::Mel: return melToHz(value);
    case Scale::PianoKey: return keyToHz(value);
    }
    return value;
}

double FrequencyAxis::hzForFraction(double fraction) const
{
    const double lo = warp(m_minHz), hi = warp(m_maxHz);
    return unwarp(lo + fraction * (hi - lo));
}

double FrequencyAxis::fractionForHz(double hz) const
{
    const double lo = warp(m_minHz), hi = warp(m_maxHz);
    return (warp(hz) - lo) / (hi - lo);
}

} // namespace mirstudio
