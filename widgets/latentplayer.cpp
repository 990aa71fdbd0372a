// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentplayer.h"

#include <algorithm>

namespace mirstudio::widgets {

LatentPlayer::LatentPlayer(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(2);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LatentPlayer::tick);
}

LatentPlayer::~LatentPlayer()
{
    stop();
}

void LatentPlayer::play(const sdk::NoteSequence &notes)
{
    stop();
    m_events.clear();
    for (const sdk::Note &n : notes.notes) {
        m_events.push_back({n.start, true, n.pitch, n.velocity});
        m_events.push_back({n.start + std::max(n.duration, 0.01), false, n.pitch, 0});
    }
    // Offs before ons at the same instant, so repeated pitches retrigger.
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event &a, const Event &b) {
        return a.time < b.time || (a.time == b.time && !a.on && b.on);
    });
    m_next = 0;
    m_clock.start();
    m_timer.start();
    tick();
}

void LatentPlayer::stop()
{
    m_timer.stop();
    for (int pitch : m_sounding)
        send(0x80, pitch, 0);
    m_sounding.clear();
    m_events.clear();
    m_next = 0;
}

void LatentPlayer::tick()
{
    const double now = double(m_clock.nsecsElapsed()) * 1e-9;
    for (; m_next < m_events.size() && m_events[m_next].time <= now; ++m_next) {
        const Event &e = m_events[m_next];
        if (e.on) {
            send(0x90, e.pitch, std::clamp(e.velocity, 1, 127));
            m_sounding.push_back(e.pitch);
        } else {
            const auto it = std::find(m_sounding.begin(), m_sounding.end(), e.pitch);
            if (it != m_sounding.end()) {
                m_sounding.erase(it);
                send(0x80, e.pitch, 0);
            }
        }
    }
    if (m_next >= m_events.size()) {
        m_timer.stop();
        m_events.clear();
        Q_EMIT finished();
    }
}

void LatentPlayer::send(std::uint8_t status, int data1, int data2)
{
    ++m_sent;
    if (m_sink)
        m_sink(std::uint8_t(status | m_channel), std::uint8_t(data1 & 0x7F), std::uint8_t(data2 & 0x7F));
}

} // namespace mirstudio::widgets
