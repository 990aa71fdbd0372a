// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRgb>
#include <QString>
#include <QStringList>

#include <array>

namespace mirstudio::widgets {

/**
 * A 256-entry colour look-up table for spectrograms: viridis, magma, inferno (matplotlib's
 * perceptually uniform maps, from CC0 degree-6 polynomial fits) or greys. colourFor() maps a
 * normalised value 0..1 (clamped) to a colour with no arithmetic beyond one index. Value type;
 * any thread.
 */
class ColourMap
{
public:
    enum class Name { Viridis, Magma, Inferno, Greys };

    explicit ColourMap(Name name = Name::Viridis);

    Name name() const { return m_name; }
    QRgb at(int index) const { return m_lut[std::size_t(index)]; }
    QRgb colourFor(float fraction) const
    {
        const int i = int(fraction * 255.0f + 0.5f);
        return m_lut[std::size_t(i < 0 ? 0 : (i > 255 ? 255 : i))];
    }
    const std::array<QRgb, 256> &table() const { return m_lut; }

    static QString displayName(Name name);
    static QStringList displayNames();

private:
    Name m_name;
    std::array<QRgb, 256> m_lut{};
};

} // namespace mirstudio::widgets
