// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mirstudio {

class AudioDevice;
class Engine;
class MidiOutputRouter;
class MidiPorts;

/**
 * The MIDI connections of one engine: a MidiPorts input connected to the source chosen in the
 * preferences, stamped with the device's playheadNow(), whose messages go to
 * Engine::pushLiveMidi (thru and recording); and a MidiOutputRouter sending the tracks routed
 * to MIDI outputs, fed with each plan's midiOutputs. No JACK/ALSA is a normal state: the
 * status text says what is connected or why not. Control changes received also go to the
 * process-wide control-change tap (setControlChangeTap: the latent explorer's MIDI learn).
 *
 * Owns its ports and router; the engine and device must outlive it (the owner deletes it
 * before replacing the engine). GUI thread only (callbacks run on the MIDI threads).
 */
class MidiConnections
{
public:
    /** Called on the MIDI input thread for each control change (channel 0-15, controller, value). */
    using ControlChangeTap = std::function<void(int channel, int controller, int value)>;

    MidiConnections(Engine *engine, AudioDevice *device);
    ~MidiConnections();
    MidiConnections(const MidiConnections &) = delete;
    MidiConnections &operator=(const MidiConnections &) = delete;

    /** Connects the input to `source` (empty: none, closes it). False when it cannot be opened. */
    bool setInput(const QString &source);
    QString inputSource() const { return m_source; }
    bool inputOpen() const;
    /** Routes the plan's MIDI outputs (opens the router on first need). False with `errors`. */
    bool setOutputs(const std::vector<std::string> &destinations, QStringList *errors = nullptr);
    /** One line for the status bar: what is connected, or why not. */
    QString statusText() const;

    /**
     * Every input's control changes also go to `tap` (after the engine), on the MIDI thread; an
     * empty function removes it. Process-wide, so it survives PlaybackController replacing its
     * MidiConnections with the engine. Any thread; the tap must not block.
     */
    static void setControlChangeTap(ControlChangeTap tap);
    /** Hands a received message to the tap when it is a control change (the input listener calls it). */
    static void tapControlChange(const unsigned char *bytes, int size);

private:
    Engine *m_engine;
    AudioDevice *m_device;
    std::unique_ptr<MidiPorts> m_input;
    std::unique_ptr<MidiOutputRouter> m_router;
    QString m_source;
    QString m_inputError;
    QStringList m_outputErrors;
    int m_outputs = 0;
};

} // namespace mirstudio
