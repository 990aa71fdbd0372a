// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midirecorder.h"

#include "core/audio/engine.h"
#include "core/session/addclipcommand.h"
#include "core/session/session.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace mirstudio {

MidiRecorder::MidiRecorder(Engine *engine)
    : m_engine(engine)
{
}

void MidiRecorder::start(const TrackId &track, std::int64_t startFrame)
{
    MidiMessage stale;
    while (m_engine->readRecordedMidi(stale)) {
    }
    m_track = track;
    m_start = startFrame;
    m_notes.clear();
    m_recording = true;
}

int MidiRecorder::poll()
{
    int taken = 0;
    MidiMessage m;
    while (m_engine->readRecordedMidi(m)) {
        ++taken;
        if (!m_recording)
            continue;
        const std::int64_t at = std::max(m.frame, m_start);
        const int pitch = m.bytes[1] & 0x7F;
        if (m.isNoteOn()) {
            m_notes.push_back({pitch, m.bytes[2] & 0x7F, m.channel(), at, -1});
        } else if (m.isNoteOff()) {
            auto held = std::find_if(m_notes.rbegin(), m_notes.rend(), [&](const Note &n) {
                return n.end < 0 && n.pitch == pitch && n.channel == m.channel();
            });
            if (held != m_notes.rend())
                held->end = std::max(at, held->start + 1);
        }
    }
    return taken;
}

std::vector<MidiRecorder::Note> MidiRecorder::notes(std::int64_t nowFrame) const
{
    std::vector<Note> out = m_notes;
    for (Note &n : out)
        if (n.end < 0)
            n.end = std::max(nowFrame, n.start + 1);
    return out;
}

ClipId MidiRecorder::stop(Session &session, std::int64_t nowFrame)
{
    poll();
    m_recording = false;
    const std::vector<Note> take = notes(nowFrame);
    m_notes.clear();
    const Track *track = session.track(m_track);
    if (take.empty() || !track)
        return {};
    const SessionData &data = session.data();
    const double rate = data.sampleRate > 0 ? data.sampleRate : 48000;
    Clip clip;
    clip.id = ClipId::create();
    clip.start = m_start;
    std::int64_t end = nowFrame;
    for (const Note &n : take) {
        // Ticks relative to the clip start, as PlanBuilder reads them back (origin = clip.start).
        const auto on = std::int64_t(std::llround(data.tempoMap.tickAtFrame(n.start - m_start, rate)));
        const auto off = std::int64_t(std::llround(data.tempoMap.tickAtFrame(n.end - m_start, rate)));
        clip.notes.push_back({n.pitch, std::max(1, n.velocity), on, std::max<std::int64_t>(1, off - on),
                              n.channel});
        end = std::max(end, n.end);
    }
    clip.length = std::max<std::int64_t>(1, end - m_start);
    auto *command = new AddClipCommand(&session, m_track, clip);
    command->setText(QObject::tr("Record MIDI"));
    session.push(command);
    return clip.id;
}

} // namespace mirstudio
