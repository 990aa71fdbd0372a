// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace mirstudio::media {

/**
 * One sounding note of a MIDI track: pitch, velocity and MIDI channel (0-15), its span in
 * ticks (at the owning MidiFile's ppq) and the same span in seconds, filled from the file's
 * tempo map (MidiFile::updateSeconds()). Plain value type; any thread.
 */
struct MidiNote
{
    int pitch = 60;
    int velocity = 100;
    int channel = 0;
    std::int64_t startTick = 0;
    std::int64_t endTick = 0;
    double startSeconds = 0.0;
    double endSeconds = 0.0;

    std::int64_t durationTicks() const { return endTick - startTick; }
    bool operator==(const MidiNote &) const = default;
};

} // namespace mirstudio::media
