// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <vector>

namespace mirstudio::widgets {

/**
 * Plays a NoteSequence "now" by sending note-on/off messages through a sink (the window sets it
 * to Engine::sendMidi, the engine's lock-free audition queue; without a sink it is silent). A
 * 2 ms QTimer sends the messages that are due; play() of a new sequence first silences the
 * sounding notes, so dragging on the latent map can replace the music continuously. Owned by
 * the latent explorer. GUI thread only.
 */
class LatentPlayer : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<bool(std::uint8_t, std::uint8_t, std::uint8_t)>;

    explicit LatentPlayer(QObject *parent = nullptr);
    ~LatentPlayer() override;

    void setSink(Sink sink) { m_sink = std::move(sink); }
    /** The synth channel every note is sent on (0..15). */
    void setChannel(int channel) { m_channel = channel & 0x0F; }
    /** Stops what sounds and starts `notes` from its beginning. */
    void play(const sdk::NoteSequence &notes);
    /** Sends note-offs for every sounding note and forgets the rest. */
    void stop();
    bool isPlaying() const { return m_timer.isActive(); }
    /** Messages sent since construction (for tests and the status line). */
    int sentCount() const { return m_sent; }

Q_SIGNALS:
    void finished();

private:
    struct Event { double time; bool on; int pitch; int velocity; };
    void tick();
    void send(std::uint8_t status, int data1, int data2);

    Sink m_sink;
    int m_channel = 0;
    std::vector<Event> m_events;
    size_t m_next = 0;
    std::vector<int> m_sounding;
    QElapsedTimer m_clock;
    QTimer m_timer;
    int m_sent = 0;
};

} // namespace mirstudio::widgets
