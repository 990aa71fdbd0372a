// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/midiconnections.h"

#include "core/audio/audiodevice.h"
#include "core/audio/engine.h"
#include "core/audio/midioutputrouter.h"
#include "core/audio/midiports.h"

#include <QCoreApplication>

#include <mutex>

namespace mirstudio {

namespace {

std::mutex tapMutex;
std::shared_ptr<const MidiConnections::ControlChangeTap> controlChangeTap;

} // namespace

void MidiConnections::setControlChangeTap(ControlChangeTap tap)
{
    auto shared = tap ? std::make_shared<const ControlChangeTap>(std::move(tap)) : nullptr;
    const std::lock_guard lock(tapMutex);
    controlChangeTap = std::move(shared);
}

void MidiConnections::tapControlChange(const unsigned char *bytes, int size)
{
    if (size != 3 || (bytes[0] & 0xF0) != 0xB0)
        return;
    std::shared_ptr<const ControlChangeTap> tap;
    {
        const std::lock_guard lock(tapMutex);
        tap = controlChangeTap;
    }
    if (tap)
        (*tap)(bytes[0] & 0x0F, bytes[1], bytes[2]);
}

MidiConnections::MidiConnections(Engine *engine, AudioDevice *device) : m_engine(engine), m_device(device) {}

MidiConnections::~MidiConnections() = default;

bool MidiConnections::inputOpen() const
{
    return m_input && !m_input->inputPortName().isEmpty();
}

bool MidiConnections::setInput(const QString &source)
{
    m_input.reset();
    m_source = source;
    m_inputError.clear();
    if (source.isEmpty())
        return true;
    // The port list says which API offers the source (JACK first).
    QStringList warnings;
    MidiPorts::Api api = MidiPorts::Api::Jack;
    bool found = false;
    for (const MidiPorts::Port &p : MidiPorts::inputPorts(&warnings))
        if (p.name == source) {
            api = p.api;
            found = true;
            break;
        }
    if (!found) {
        m_inputError = warnings.isEmpty() ? QCoreApplication::translate("mirstudio", "%1 is not there").arg(source)
                                          : warnings.join(QStringLiteral("; "));
        return false;
    }
    auto input = std::make_unique<MidiPorts>(QStringLiteral("mirstudio"), m_engine->sampleRate() > 0 ? m_engine->sampleRate() : 48000);
    AudioDevice *device = m_device;
    Engine *engine = m_engine;
    input->setPlayheadSource([device] { return device->playheadNow(); });
    input->setInputListener([engine](const MidiMessage &m) {
        engine->pushLiveMidi(m);
        tapControlChange(m.bytes.data(), m.size);
    });
    if (!input->openInput(source, &m_inputError, api))
        return false;
    m_input = std::move(input);
    return true;
}

bool MidiConnections::setOutputs(const std::vector<std::string> &destinations, QStringList *errors)
{
    m_outputs = int(destinations.size());
    m_outputErrors.clear();
    if (destinations.empty() && !m_router)
        return true;
    if (!m_router)
        m_router = std::make_unique<MidiOutputRouter>(m_engine);
    const bool ok = m_router->setOutputs(destinations, &m_outputErrors);
    if (errors)
        *errors << m_outputErrors;
    return ok;
}

QString MidiConnections::statusText() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("mirstudio", text); };
    QString in;
    if (m_source.isEmpty())
        in = tr("MIDI in: none chosen");
    else if (inputOpen())
        in = tr("MIDI in: %1").arg(m_source);
    else
        in = tr("MIDI in: not connected (%1)").arg(m_inputError);
    if (m_outputs == 0)
        return in;
    const QString out = m_outputErrors.isEmpty() ? tr("MIDI out: %1 port(s)").arg(m_outputs)
                                                 : tr("MIDI out: %1").arg(m_outputErrors.join(QStringLiteral("; ")));
    return in + QStringLiteral("  |  ") + out;
}

} // namespace mirstudio
