// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace mirstudio {

/**
 * A note held inline in a MIDI clip (users edit them): pitch and velocity 0..127, start and
 * length in ticks of the session tempo map, start relative to the clip's source start.
 * Value type; any thread.
 */
struct MidiNote
{
    int pitch = 60;
    int velocity = 100;
    std::int64_t start = 0;
    std::int64_t length = 0;
    int channel = 0;

    bool operator==(const MidiNote &) const = default;
};

} // namespace mirstudio
