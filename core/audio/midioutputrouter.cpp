// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midioutputrouter.h"

#include "core/audio/engine.h"
#include "core/audio/midiports.h"

#include <chrono>

namespace mirstudio {

MidiOutputRouter::MidiOutputRouter(Engine *engine, QString clientName)
    : m_engine(engine)
    , m_clientName(std::move(clientName))
    , m_thread([this] { run(); })
{
}

MidiOutputRouter::~MidiOutputRouter()
{
    m_quit.store(true);
    m_thread.join();
}

bool MidiOutputRouter::setOutputs(const std::vector<std::string> &destinations,
                                  QStringList *errors)
{
    std::vector<std::unique_ptr<MidiPorts>> ports(destinations.size());
    bool ok = true;
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < destinations.size(); ++i) {
        for (std::size_t j = 0; j < m_names.size(); ++j)
            if (m_names[j] == destinations[i] && m_ports[j])
                ports[i] = std::move(m_ports[j]);
        if (ports[i])
            continue;
        auto p = std::make_unique<MidiPorts>(
            QStringLiteral("%1_route%2").arg(m_clientName).arg(i + 1));
        QString error;
        if (p->openOutput(QString::fromStdString(destinations[i]), &error)) {
            ports[i] = std::move(p);
        } else {
            ok = false;
            if (errors)
                *errors << QStringLiteral("MIDI output '%1': %2")
                               .arg(QString::fromStdString(destinations[i]), error);
        }
    }
    m_names = destinations;
    m_ports = std::move(ports);
    return ok;
}

void MidiOutputRouter::run()
{
    while (!m_quit.load()) {
        {
            std::lock_guard lock(m_mutex);
            MidiMessage m;
            while (m_engine->readMidiOut(m)) {
                if (m.port < m_ports.size() && m_ports[m.port]
                    && m_ports[m.port]->sendMessage(m.bytes.data(), m.size))
                    m_sent.fetch_add(1, std::memory_order_relaxed);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace mirstudio
