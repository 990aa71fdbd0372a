// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/colourmap.h"

#include <QColor>

#include <algorithm>

namespace mirstudio::widgets {

namespace {

// Degree-6 polynomial fits (per channel, lowest power first) of matplotlib's viridis, magma and
// inferno by Matt Zucker (shadertoy WlfXRN), released CC0 like the maps themselves.
using Poly = std::array<std::array<double, 3>, 7>;

constexpr Poly viridisPoly{{{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                            {6.228269936347081, 14.17993336680509, 56.69055260068105},
                            {4.776384997670288, -13.74514537774601, -65.35303263337234},
                            {-5.435455855934631, 4.645852612178535, 26.3124352495832}}};
constexpr Poly magmaPoly{{{-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
                          {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
                          {8.353717279216625, -3.577719514958484, 0.3144679030132573},
                          {-27.66873308576866, 14.26473078096533, -13.64921318813922},
                          {52.17613981234068, -27.94360607168351, 12.94416944238394},
                          {-50.76852536473588, 29.04658282127291, 4.23415299384598},
                          {18.65570506591883, -11.48977351997711, -5.601961508734096}}};
constexpr Poly infernoPoly{{{0.0002189403691192265, 0.001651004631001012, -0.01948089843709184},
                            {0.1065134194856116, 0.5639564367884091, 3.932712388889277},
                            {11.60249308247187, -3.972853965665698, -15.9423941062914},
                            {-41.70399613139459, 17.43639888205313, 44.35414519872813},
                            {77.162935699427, -33.40235894210092, -81.80730925738993},
                            {-71.31942824499214, 32.62606426397723, 73.20951985803202},
                            {25.13112622477341, -12.24266895238567, -23.07032500287172}}};

int channel(const Poly &poly, int c, double t)
{
    double v = 0.0;
    for (int k = 6; k >= 0; --k) // Horner
        v = v * t + poly[std::size_t(k)][std::size_t(c)];
    return std::clamp(int(v * 255.0 + 0.5), 0, 255);
}

} // namespace

ColourMap::ColourMap(Name name) : m_name(name)
{
    const Poly *poly = name == Name::Viridis ? &viridisPoly
                     : name == Name::Magma   ? &magmaPoly
                     : name == Name::Inferno ? &infernoPoly
                                             : nullptr;
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        m_lut[std::size_t(i)] = poly ? qRgb(channel(*poly, 0, t), channel(*poly, 1, t), channel(*poly, 2, t))
                                     : qRgb(i, i, i);
    }
}

QString ColourMap::displayName(Name name)
{
    switch (name) {
    case Name::Viridis: return QStringLiteral("Viridis");
    case Name::Magma: return QStringLiteral("Magma");
    case Name::Inferno: return QStringLiteral("Inferno");
    case Name::Greys: return QStringLiteral("Greys");
    }
    return {};
}

QStringList ColourMap::displayNames()
{
    return {displayName(Name::Viridis), displayName(Name::Magma), displayName(Name::Inferno),
            displayName(Name::Greys)};
}

} // namespace mirstudio::widgets
