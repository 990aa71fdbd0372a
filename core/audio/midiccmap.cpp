// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midiccmap.h"

#include <algorithm>

namespace mirstudio {

bool MidiCcMap::valid(int channel, int controller)
{
    return channel >= 0 && channel <= 15 && controller >= 0 && controller <= 127;
}

int MidiCcMap::indexOf(int channel, int controller) const
{
    for (int i = 0; i < m_mappings.size(); ++i) {
        if (m_mappings[i].channel == channel && m_mappings[i].controller == controller)
            return i;
    }
    return -1;
}

double MidiCcMap::normalise(int value)
{
    return double(std::clamp(value, 0, 127)) / 127.0;
}

bool MidiCcMap::map(int channel, int controller, const QString &parameterId, double minimum,
                    double maximum)
{
    if (!valid(channel, controller) || parameterId.isEmpty())
        return false;
    const Mapping m{channel, controller, parameterId, minimum, maximum};
    const int i = indexOf(channel, controller);
    if (i >= 0)
        m_mappings[i] = m;
    else
        m_mappings.append(m);
    return true;
}

bool MidiCcMap::unmap(int channel, int controller)
{
    const int i = indexOf(channel, controller);
    if (i < 0)
        return false;
    m_mappings.removeAt(i);
    return true;
}

int MidiCcMap::unmapParameter(const QString &parameterId)
{
    return int(m_mappings.removeIf(
        [&](const Mapping &m) { return m.parameterId == parameterId; }));
}

void MidiCcMap::clear()
{
    m_mappings.clear();
    m_learning.reset();
}

std::optional<MidiCcMap::Mapping> MidiCcMap::mapping(int channel, int controller) const
{
    const int i = indexOf(channel, controller);
    if (i < 0)
        return std::nullopt;
    return m_mappings[i];
}

std::optional<MidiCcMap::Result> MidiCcMap::apply(int channel, int controller, int value) const
{
    const int i = indexOf(channel, controller);
    if (i < 0)
        return std::nullopt;
    const Mapping &m = m_mappings[i];
    return Result{m.parameterId, m.minimum + normalise(value) * (m.maximum - m.minimum), false};
}

void MidiCcMap::startLearn(const QString &parameterId, double minimum, double maximum)
{
    if (parameterId.isEmpty()) {
        m_learning.reset();
        return;
    }
    m_learning = Mapping{0, 0, parameterId, minimum, maximum};
}

void MidiCcMap::cancelLearn()
{
    m_learning.reset();
}

std::optional<MidiCcMap::Result> MidiCcMap::handle(int channel, int controller, int value)
{
    if (!valid(channel, controller))
        return std::nullopt;
    bool learned = false;
    if (m_learning) {
        const Mapping m = *m_learning;
        m_learning.reset();
        unmapParameter(m.parameterId);
        map(channel, controller, m.parameterId, m.minimum, m.maximum);
        learned = true;
    }
    std::optional<Result> r = apply(channel, controller, value);
    if (r)
        r->learned = learned;
    return r;
}

std::optional<MidiCcMap::Result> MidiCcMap::handleMessage(const unsigned char *bytes, int size)
{
    if (!bytes || size < 3 || (bytes[0] & 0xF0) != 0xB0)
        return std::nullopt;
    return handle(bytes[0] & 0x0F, bytes[1] & 0x7F, bytes[2] & 0x7F);
}

} // namespace mirstudio
