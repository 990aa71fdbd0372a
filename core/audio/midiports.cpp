// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midiports.h"

#include "core/audio/spscqueue.h"

#include <QStringList>

#include <jack/jack.h>
#include <rtmidi/RtMidi.h>

#include <atomic>
#include <chrono>
#include <vector>

namespace mirstudio {

namespace {

constexpr std::size_t kQueueCapacity = 1024;

void silentJackMessage(const char *) {}

void silenceJack()
{
    jack_set_error_function(silentJackMessage);
    jack_set_info_function(silentJackMessage);
}

RtMidi::Api rtApi(MidiPorts::Api api)
{
    return api == MidiPorts::Api::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA;
}

QString apiName(MidiPorts::Api api)
{
    return api == MidiPorts::Api::Jack ? QStringLiteral("JACK MIDI")
                                       : QStringLiteral("ALSA sequencer");
}

/** True when a JACK server answers (RtMidi's JACK backend misbehaves without one). */
bool jackServerRunning()
{
    silenceJack();
    jack_status_t status{};
    jack_client_t *client = jack_client_open("mirstudio-midi-probe", JackNoStartServer, &status);
    if (!client)
        return false;
    jack_client_close(client);
    return true;
}

void silentRtMidiError(RtMidiError::Type, const std::string &, void *) {}

template<typename Midi>
QList<MidiPorts::Port> listPorts(QStringList *warnings)
{
    QList<MidiPorts::Port> ports;
    silenceJack();
    for (MidiPorts::Api api : {MidiPorts::Api::Jack, MidiPorts::Api::Alsa}) {
        if (api == MidiPorts::Api::Jack && !jackServerRunning()) {
            if (warnings)
                *warnings << QStringLiteral("JACK MIDI unavailable: no JACK server is running");
            continue;
        }
        try {
            Midi midi(rtApi(api), "mirstudio-probe");
            midi.setErrorCallback(silentRtMidiError, nullptr);
            const unsigned count = midi.getPortCount();
            for (unsigned i = 0; i < count; ++i)
                ports << MidiPorts::Port{api, i, QString::fromStdString(midi.getPortName(i))};
        } catch (const RtMidiError &e) {
            if (warnings)
                *warnings << QStringLiteral("%1 unavailable: %2")
                                 .arg(apiName(api), QString::fromStdString(e.getMessage()));
        }
    }
    return ports;
}

template<typename Midi>
int findPort(Midi &midi, const QString &name)
{
    const unsigned count = midi.getPortCount();
    for (unsigned i = 0; i < count; ++i) {
        if (QString::fromStdString(midi.getPortName(i)) == name)
            return int(i);
    }
    return -1;
}

} // namespace

struct MidiPorts::Private
{
    QString clientName;
    int sampleRate = 48000;
    std::chrono::steady_clock::time_point epoch = std::chrono::steady_clock::now();
    PlayheadSource playhead;
    InputListener listener;
    std::atomic<int> inputLatency{0};
    std::atomic<std::int64_t> dropped{0};
    SpscQueue<Event> queue{kQueueCapacity};
    std::unique_ptr<RtMidiIn> in;
    std::unique_ptr<RtMidiOut> out;
    QString inputPortName;

    std::int64_t clockFrames() const
    {
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - epoch)
                            .count();
        return std::int64_t(ns) * sampleRate / 1000000000;
    }

    std::int64_t stampNow() const
    {
        const std::int64_t head = playhead ? playhead() : clockFrames();
        return head - inputLatency.load(std::memory_order_relaxed);
    }

    /** RtMidi's input thread (JACK process thread): copy, stamp, push. No locks, no allocation. */
    static void onMessage(double, std::vector<unsigned char> *message, void *user) noexcept
    {
        auto *self = static_cast<Private *>(user);
        if (!message || message->empty() || message->size() > 3) {
            self->dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        Event event;
        event.frame = self->stampNow();
        event.size = std::uint8_t(message->size());
        for (std::size_t i = 0; i < message->size(); ++i)
            event.bytes[i] = (*message)[i];
        if (self->listener) {
            self->listener(event);
            return;
        }
        if (!self->queue.push(event))
            self->dropped.fetch_add(1, std::memory_order_relaxed);
    }
};

QList<MidiPorts::Port> MidiPorts::inputPorts(QStringList *warnings)
{
    return listPorts<RtMidiIn>(warnings);
}

QList<MidiPorts::Port> MidiPorts::outputPorts(QStringList *warnings)
{
    return listPorts<RtMidiOut>(warnings);
}

MidiPorts::MidiPorts(QString clientName, int sampleRate)
    : d(std::make_unique<Private>())
{
    d->clientName = clientName.isEmpty() ? QStringLiteral("mirstudio") : std::move(clientName);
    d->sampleRate = sampleRate > 0 ? sampleRate : 48000;
}

MidiPorts::~MidiPorts()
{
    closeInput();
    closeOutput();
}

void MidiPorts::setPlayheadSource(PlayheadSource source)
{
    d->playhead = std::move(source);
}

void MidiPorts::setInputListener(InputListener listener)
{
    d->listener = std::move(listener);
}

void MidiPorts::setInputLatencyFrames(int frames)
{
    d->inputLatency.store(frames, std::memory_order_relaxed);
}

std::int64_t MidiPorts::clockFrames() const
{
    return d->clockFrames();
}

std::int64_t MidiPorts::stampNow() const
{
    return d->stampNow();
}

bool MidiPorts::openInput(const QString &source, QString *error, Api api)
{
    closeInput();
    if (api == Api::Jack && !jackServerRunning()) {
        if (error)
            *error = QStringLiteral("no MIDI input: no JACK server is running");
        return false;
    }
    try {
        const std::string client = (d->clientName + QStringLiteral("_in")).toStdString();
        auto in = std::make_unique<RtMidiIn>(rtApi(api), client, 100);
        in->setErrorCallback(silentRtMidiError, nullptr);
        in->ignoreTypes(true, true, true); // SysEx, timing, active sensing
        in->setCallback(&Private::onMessage, d.get());
        if (source.isEmpty()) {
            in->openVirtualPort("in");
            d->inputPortName = QString::fromStdString(client) + QStringLiteral(":in");
        } else {
            const int index = findPort(*in, source);
            if (index < 0) {
                if (error)
                    *error = QStringLiteral("no %1 input port named '%2'")
                                 .arg(apiName(api), source);
                return false;
            }
            in->openPort(unsigned(index), "in");
            if (!in->isPortOpen()) {
                if (error)
                    *error = QStringLiteral("cannot connect to the %1 input port '%2'")
                                 .arg(apiName(api), source);
                return false;
            }
            d->inputPortName = source;
        }
        d->in = std::move(in);
        return true;
    } catch (const RtMidiError &e) {
        if (error)
            *error = QStringLiteral("%1 input failed: %2")
                         .arg(apiName(api), QString::fromStdString(e.getMessage()));
        d->inputPortName.clear();
        return false;
    }
}

QString MidiPorts::inputPortName() const
{
    return d->in ? d->inputPortName : QString();
}

void MidiPorts::closeInput()
{
    if (d->in) {
        d->in->cancelCallback();
        d->in->closePort();
        d->in.reset();
    }
    d->inputPortName.clear();
}

bool MidiPorts::readInput(Event &event)
{
    return d->queue.pop(event);
}

std::int64_t MidiPorts::droppedEvents() const
{
    return d->dropped.load(std::memory_order_relaxed);
}

bool MidiPorts::openOutput(const QString &destination, QString *error, Api api)
{
    closeOutput();
    if (api == Api::Jack && !jackServerRunning()) {
        if (error)
            *error = QStringLiteral("no MIDI output: no JACK server is running");
        return false;
    }
    try {
        const std::string client = (d->clientName + QStringLiteral("_out")).toStdString();
        auto out = std::make_unique<RtMidiOut>(rtApi(api), client);
        out->setErrorCallback(silentRtMidiError, nullptr);
        if (destination.isEmpty()) {
            out->openVirtualPort("out");
        } else {
            const int index = findPort(*out, destination);
            if (index < 0) {
                if (error)
                    *error = QStringLiteral("no %1 output port named '%2'")
                                 .arg(apiName(api), destination);
                return false;
            }
            out->openPort(unsigned(index), "out");
            if (!out->isPortOpen()) {
                if (error)
                    *error = QStringLiteral("cannot connect to the %1 output port '%2'")
                                 .arg(apiName(api), destination);
                return false;
            }
        }
        d->out = std::move(out);
        return true;
    } catch (const RtMidiError &e) {
        if (error)
            *error = QStringLiteral("%1 output failed: %2")
                         .arg(apiName(api), QString::fromStdString(e.getMessage()));
        return false;
    }
}

void MidiPorts::closeOutput()
{
    if (d->out) {
        d->out->closePort();
        d->out.reset();
    }
}

bool MidiPorts::sendMessage(const std::uint8_t *bytes, int size)
{
    if (!d->out || !bytes || size <= 0)
        return false;
    try {
        d->out->sendMessage(bytes, std::size_t(size));
        return true;
    } catch (const RtMidiError &) {
        return false;
    }
}

bool MidiPorts::sendNoteOn(int channel, int pitch, int velocity)
{
    if (channel < 0 || channel > 15 || pitch < 0 || pitch > 127 || velocity < 0 || velocity > 127)
        return false;
    const std::uint8_t bytes[3] = {std::uint8_t(0x90 | channel), std::uint8_t(pitch),
                                   std::uint8_t(velocity)};
    return sendMessage(bytes, 3);
}

bool MidiPorts::sendNoteOff(int channel, int pitch, int velocity)
{
    if (channel < 0 || channel > 15 || pitch < 0 || pitch > 127 || velocity < 0 || velocity > 127)
        return false;
    const std::uint8_t bytes[3] = {std::uint8_t(0x80 | channel), std::uint8_t(pitch),
                                   std::uint8_t(velocity)};
    return sendMessage(bytes, 3);
}

bool MidiPorts::sendControlChange(int channel, int controller, int value)
{
    if (channel < 0 || channel > 15 || controller < 0 || controller > 127 || value < 0
        || value > 127)
        return false;
    const std::uint8_t bytes[3] = {std::uint8_t(0xB0 | channel), std::uint8_t(controller),
                                   std::uint8_t(value)};
    return sendMessage(bytes, 3);
}

} // namespace mirstudio
