// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/keyvector.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mirstudio::fadernets {

namespace {

constexpr std::array<double, 12> kMajor{6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                        2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kMinor{6.33, 2.68, 3.52, 5.38, 2.60, 3.53,
                                        2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

double correlation(const std::array<double, 12> &h, const std::array<double, 12> &profile, int tonic)
{
    const double mh = std::accumulate(h.begin(), h.end(), 0.0) / 12.0;
    const double mp = std::accumulate(profile.begin(), profile.end(), 0.0) / 12.0;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (int pc = 0; pc < 12; ++pc) {
        const double x = h[size_t(pc)] - mh;
        const double y = profile[size_t((pc - tonic + 12) % 12)] - mp;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    return (sxx > 0.0 && syy > 0.0) ? sxy / std::sqrt(sxx * syy) : 0.0;
}

} // namespace

KeyVector::Values KeyVector::fromHistogram(const std::array<double, 12> &histogram)
{
    Values v{};
    for (int k = 0; k < 12; ++k) {
        v[size_t(k)] = float(correlation(histogram, kMajor, k));
        v[size_t(12 + k)] = float(correlation(histogram, kMinor, k));
    }
    for (auto &x : v)
        if (x < 0.1f)
            x = 0.0f;
    Values sorted = v;
    std::sort(sorted.begin(), sorted.end(), std::greater<float>());
    const float third = sorted[2];
    int kept = 0;
    for (auto &x : v) {
        if (x > 0.0f && x >= third && kept < 3)
            ++kept;
        else
            x = 0.0f;
    }
    return v;
}

KeyVector::Values KeyVector::of(const sdk::NoteSequence &sequence, double start, double end)
{
    std::array<double, 12> h{};
    for (const auto &n : sequence.notes) {
        if (end > start && (n.start < start || n.start >= end))
            continue;
        h[size_t(((n.pitch % 12) + 12) % 12)] += std::max(n.duration, 1e-3);
    }
    return fromHistogram(h);
}

} // namespace mirstudio::fadernets
