// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/abxcomparison.h"

#include "core/media/audiodata.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

AbxComparison::AbxComparison(quint32 seed) : m_random(seed)
{
    drawX();
}

double AbxComparison::rms(const media::AudioData &audio)
{
    double sum = 0.0;
    std::size_t count = 0;
    for (const auto &ch : audio.channels) {
        for (float s : ch)
            sum += double(s) * double(s);
        count += ch.size();
    }
    return count ? std::sqrt(sum / double(count)) : 0.0;
}

void AbxComparison::setLevels(double rmsA, double rmsB)
{
    m_gainDbA = m_gainDbB = 0.0;
    if (rmsA <= 0.0 || rmsB <= 0.0)
        return; // silence cannot be matched
    const double quiet = std::min(rmsA, rmsB);
    m_gainDbA = 20.0 * std::log10(quiet / rmsA);
    m_gainDbB = 20.0 * std::log10(quiet / rmsB);
}

AbxComparison::Choice AbxComparison::audible() const
{
    if (m_selected != Choice::X)
        return m_selected;
    return m_xIsA ? Choice::A : Choice::B;
}

bool AbxComparison::guess(Choice xIs)
{
    const bool right = (xIs == Choice::A) == m_xIsA;
    ++m_trials;
    m_correct += right ? 1 : 0;
    drawX();
    return right;
}

} // namespace mirstudio::widgets
