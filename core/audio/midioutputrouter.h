// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mirstudio {

class Engine;
class MidiPorts;

/**
 * Sends the MIDI of tracks routed to MIDI outputs: a pump thread (not realtime) drains
 * Engine::readMidiOut() every millisecond and sends each message through a MidiPorts output
 * connected to the destination the plan names (PlaybackPlan::midiOutputs[port]). Messages leave
 * when their block is rendered, so they lead the audio by up to one device period plus the pump
 * interval (about 1 ms); JACK MIDI then delivers them at the next cycle.
 *
 * setOutputs() (owner's thread) opens one RtMidi output per destination, reusing those already
 * open; the pump thread takes the same mutex (never the audio thread). Owns its MidiPorts and
 * its thread; the engine must outlive it.
 */
class MidiOutputRouter
{
public:
    explicit MidiOutputRouter(Engine *engine, QString clientName = QStringLiteral("mirstudio"));
    ~MidiOutputRouter();
    MidiOutputRouter(const MidiOutputRouter &) = delete;
    MidiOutputRouter &operator=(const MidiOutputRouter &) = delete;

    /**
     * Connects output i to destination `destinations[i]` (the plan's midiOutputs). Returns
     * false with one line per destination that could not be opened (its messages are dropped).
     */
    bool setOutputs(const std::vector<std::string> &destinations, QStringList *errors = nullptr);
    /** Messages sent so far (any thread). */
    std::int64_t sentCount() const { return m_sent.load(std::memory_order_relaxed); }

private:
    void run();

    Engine *m_engine;
    QString m_clientName;
    std::mutex m_mutex;
    std::vector<std::string> m_names;
    std::vector<std::unique_ptr<MidiPorts>> m_ports; // null where opening failed
    std::atomic<bool> m_quit{false};
    std::atomic<std::int64_t> m_sent{0};
    std::thread m_thread;
};

} // namespace mirstudio
