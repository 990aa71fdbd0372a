// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/playbackplan.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mirstudio {

void PlaybackPlan::panGains(double pan, float &left, float &right)
{
    const double p = std::clamp(std::isfinite(pan) ? pan : 0.0, -1.0, 1.0);
    const double theta = (p + 1.0) * std::numbers::pi / 4.0;
    left = float(std::cos(theta));
    right = float(std::sin(theta));
}

float PlaybackPlan::dbToGain(double db)
{
    if (!std::isfinite(db))
        return db < 0 ? 0.0f : 1.0f;
    return float(std::pow(10.0, db / 20.0));
}

std::size_t PlaybackPlan::firstEventAt(std::int64_t frame) const noexcept
{
    const auto it = std::lower_bound(midiEvents.begin(), midiEvents.end(), frame,
                                     [](const MidiEvent &e, std::int64_t f) { return e.frame < f; });
    return std::size_t(it - midiEvents.begin());
}

} // namespace mirstudio
