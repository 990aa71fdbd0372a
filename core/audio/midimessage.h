// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>

namespace mirstudio {

/**
 * A short MIDI channel message (1..3 bytes) stamped with a frame: plain data, so it can travel
 * through the lock-free rings between the MIDI input thread, the audio thread and the GUI.
 * `port` is used by messages for MIDI outputs (the index into PlaybackPlan::midiOutputs).
 */
struct MidiMessage
{
    std::int64_t frame = 0;
    std::uint8_t size = 0;
    std::uint8_t port = 0;
    std::array<std::uint8_t, 3> bytes{};

    std::uint8_t status() const { return std::uint8_t(bytes[0] & 0xF0); }
    int channel() const { return bytes[0] & 0x0F; }
    bool isNoteOn() const { return size == 3 && status() == 0x90 && bytes[2] > 0; }
    bool isNoteOff() const
    {
        return size == 3 && (status() == 0x80 || (status() == 0x90 && bytes[2] == 0));
    }

    static MidiMessage make(std::int64_t frame, std::uint8_t b0, std::uint8_t b1, std::uint8_t b2,
                            std::uint8_t size = 3)
    {
        MidiMessage m;
        m.frame = frame;
        m.size = size;
        m.bytes = {b0, b1, b2};
        return m;
    }
};

} // namespace mirstudio
