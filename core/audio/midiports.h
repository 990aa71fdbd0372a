// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/midimessage.h"

#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>

namespace mirstudio {

/**
 * MIDI input and output through RtMidi: JACK MIDI (RtMidi::UNIX_JACK) and the ALSA sequencer
 * (absent on machines without sound support: listing catches RtMidiError and reports it).
 *
 * The input callback (RtMidi's thread; the JACK process thread on JACK) copies each short
 * message into a plain Event on a fixed-capacity single-producer/single-consumer ring (1024
 * events; overflow is counted, never blocks or allocates). Each event is stamped with the
 * playhead frame at arrival minus the input latency (latency compensation); the playhead comes
 * from setPlayheadSource() (e.g. AudioDevice::playheadNow or the engine's playhead) or, by
 * default, the steady clock in frames since construction. readInput() is the consumer side.
 *
 * Owns its RtMidiIn/RtMidiOut objects (pimpl). Open/close/send from the owner's thread;
 * readInput() from exactly one consumer thread; listing functions from any thread.
 */
class MidiPorts
{
public:
    enum class Api { Jack, Alsa };

    struct Port
    {
        Api api = Api::Jack;
        unsigned index = 0;
        QString name; ///< on JACK the full port name, "client:port"
    };

    /** A received message: frame = playhead at arrival minus the input latency. */
    using Event = MidiMessage;
    /**
     * Called on the MIDI input thread for every received message instead of the ring (e.g.
     * Engine::pushLiveMidi, for thru and recording). Must be realtime-safe.
     */
    using InputListener = std::function<void(const MidiMessage &)>;

    using PlayheadSource = std::function<std::int64_t()>;

    /**
     * Ports we can receive from (other clients' MIDI outputs, what openInput(source) takes) on
     * JACK and ALSA; @p warnings gets one line per API that failed.
     */
    static QList<Port> inputPorts(QStringList *warnings = nullptr);
    /**
     * Ports we can send to (other clients' MIDI inputs, what openOutput(destination) takes) on
     * JACK and ALSA; @p warnings gets one line per API that failed.
     */
    static QList<Port> outputPorts(QStringList *warnings = nullptr);

    /** @p clientName names our JACK clients ("<name>_in", "<name>_out"). */
    explicit MidiPorts(QString clientName = QStringLiteral("mirstudio"), int sampleRate = 48000);
    ~MidiPorts();
    MidiPorts(const MidiPorts &) = delete;
    MidiPorts &operator=(const MidiPorts &) = delete;

    /** Playhead read by the input callback; must be realtime-safe. Set before openInput(). */
    void setPlayheadSource(PlayheadSource source);
    /** Sets the input listener; call before openInput() (not while input is open). */
    void setInputListener(InputListener listener);
    /** Frames subtracted from each arrival stamp (the input latency). Any thread. */
    void setInputLatencyFrames(int frames);
    /** The default clock: steady-clock time since construction, in frames. Any thread. */
    std::int64_t clockFrames() const;
    /** What the input callback stamps now: playhead minus input latency. Any thread. */
    std::int64_t stampNow() const;

    /**
     * Opens the input: a virtual port named "in" (JACK name "<client>_in:in") when @p source is
     * empty, else connects to the existing port named @p source. False with @p error on failure.
     */
    bool openInput(const QString &source = {}, QString *error = nullptr, Api api = Api::Jack);
    /** Full name of our virtual input port ("<client>_in:in"), empty when closed. */
    QString inputPortName() const;
    void closeInput();
    /** Pops the oldest received event; false when none is waiting. One consumer thread. */
    bool readInput(Event &event);
    /** Events dropped because the ring was full (or longer than 3 bytes, e.g. SysEx). */
    std::int64_t droppedEvents() const;

    /** Opens the output: a virtual port "out" when @p destination is empty, else that port. */
    bool openOutput(const QString &destination = {}, QString *error = nullptr,
                    Api api = Api::Jack);
    void closeOutput();
    bool sendMessage(const std::uint8_t *bytes, int size);
    bool sendNoteOn(int channel, int pitch, int velocity);
    bool sendNoteOff(int channel, int pitch, int velocity = 0);
    bool sendControlChange(int channel, int controller, int value);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace mirstudio
