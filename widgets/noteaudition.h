// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>

namespace mirstudio::widgets {

/**
 * Plays notes "now" through the synth while the user clicks keys or drags notes: note-on,
 * note-off and switching the sounding note, on one synth channel. Sends through a sink the
 * window sets to the engine's audition path (Engine::sendMidi, a lock-free queue); without a
 * sink it is silent. Remembers the sounding note so switching never leaves one hanging.
 * Owned by the piano-roll editor. GUI thread only.
 */
class NoteAudition
{
public:
    /** Receives one channel message (status with channel nibble, data1, data2). */
    using Sink = std::function<bool(std::uint8_t, std::uint8_t, std::uint8_t)>;

    void setSink(Sink sink) { m_sink = std::move(sink); }
    void setChannel(int channel) { m_channel = channel & 0x0F; }
    int channel() const { return m_channel; }

    /** Stops the sounding note (if any) and starts `pitch`. */
    void play(int pitch, int velocity);
    /** Plays `pitch` only when it differs from the sounding one (drags). */
    void follow(int pitch, int velocity);
    void stop();
    int sounding() const { return m_sounding; }

private:
    void send(std::uint8_t status, int data1, int data2);

    Sink m_sink;
    int m_channel = 0;
    int m_sounding = -1;
};

} // namespace mirstudio::widgets
