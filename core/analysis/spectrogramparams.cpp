// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/spectrogramparams.h"

#include <cmath>
#include <numbers>

namespace mirstudio {

std::vector<float> SpectrogramParams::windowCoefficients() const
{
    std::vector<float> w(std::size_t(std::max(1, windowSize)));
    const double n = double(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        const double phase = 2.0 * std::numbers::pi * double(i) / n;
        switch (window) {
        case Window::Hann: w[i] = float(0.5 - 0.5 * std::cos(phase)); break;
        case Window::Hamming: w[i] = float(0.54 - 0.46 * std::cos(phase)); break;
        case Window::Blackman:
            w[i] = float(0.42 - 0.5 * std::cos(phase) + 0.08 * std::cos(2.0 * phase));
            break;
        }
    }
    return w;
}

} // namespace mirstudio
