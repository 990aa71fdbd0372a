// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/dmelodiesfactors.h"

namespace mirstudio::dmelodies {

namespace {
constexpr std::array<int, kFactorCount> kCardinalities{12, 3, 3, 28, 28, 2, 2, 2, 2};
}

int DMelodiesFactors::cardinality(int factor)
{
    return kCardinalities.at(size_t(factor));
}

QStringList DMelodiesFactors::names()
{
    return {QStringLiteral("tonic"),       QStringLiteral("octave"),      QStringLiteral("scale"),
            QStringLiteral("rhythm_bar1"), QStringLiteral("rhythm_bar2"), QStringLiteral("arp_chord1"),
            QStringLiteral("arp_chord2"),  QStringLiteral("arp_chord3"),  QStringLiteral("arp_chord4")};
}

bool DMelodiesFactors::isValid() const
{
    for (int f = 0; f < kFactorCount; ++f)
        if (values[size_t(f)] < 0 || values[size_t(f)] >= kCardinalities[size_t(f)])
            return false;
    return true;
}

DMelodiesFactors DMelodiesFactors::fromIndex(int64_t index)
{
    DMelodiesFactors f;
    for (int i = kFactorCount - 1; i >= 0; --i) {
        f.values[size_t(i)] = int(index % kCardinalities[size_t(i)]);
        index /= kCardinalities[size_t(i)];
    }
    return f;
}

int64_t DMelodiesFactors::index() const
{
    int64_t index = 0;
    for (int i = 0; i < kFactorCount; ++i)
        index = index * kCardinalities[size_t(i)] + values[size_t(i)];
    return index;
}

} // namespace mirstudio::dmelodies
