// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/mediaconversion.h"

#include <QMap>
#include <QPair>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace mirstudio {

sdk::AudioBuffer MediaConversion::toAudioBuffer(const media::AudioData &audio)
{
    sdk::AudioBuffer b;
    b.sampleRate = audio.sampleRate;
    b.channels = audio.channels;
    return b;
}

media::AudioData MediaConversion::toAudioData(const sdk::AudioBuffer &audio)
{
    media::AudioData d;
    d.sampleRate = int(std::lround(audio.sampleRate));
    d.channels = audio.channels;
    return d;
}

sdk::NoteSequence MediaConversion::toNoteSequence(const media::MidiFile &file)
{
    media::MidiFile f = file;
    f.updateSeconds();
    sdk::NoteSequence seq;
    seq.ticksPerQuarter = f.ppq;
    seq.bpm = f.tempoMap.bpmAt(0);
    seq.beatsPerBar = f.tempoMap.timeSignatureAt(0).numerator;
    for (const media::MidiTrack &t : f.tracks) {
        for (const media::MidiNote &n : t.notes) {
            sdk::Note note;
            note.pitch = n.pitch;
            note.velocity = std::clamp(n.velocity, 1, 127);
            note.channel = n.channel;
            note.program = std::max(0, t.program);
            note.start = n.startSeconds;
            note.duration = n.endSeconds - n.startSeconds;
            if (note.duration > 0.0)
                seq.notes.push_back(note);
        }
    }
    // A total order, so the sequence does not depend on how notes were spread over tracks.
    std::sort(seq.notes.begin(), seq.notes.end(), [](const sdk::Note &a, const sdk::Note &b) {
        return std::tie(a.start, a.pitch, a.channel, a.program, a.velocity, a.duration)
               < std::tie(b.start, b.pitch, b.channel, b.program, b.velocity, b.duration);
    });
    seq.duration = f.lengthSeconds();
    return seq;
}

media::MidiFile MediaConversion::toMidiFile(const sdk::NoteSequence &notes)
{
    const int ppq = notes.ticksPerQuarter > 0 ? notes.ticksPerQuarter : 480;
    media::MidiFile f(ppq);
    media::TempoPoint tempo;
    tempo.microsPerQuarter = int(std::lround(60'000'000.0 / (notes.bpm > 0.0 ? notes.bpm : 120.0)));
    f.tempoMap.setTempo(tempo);
    media::TimeSignature sig;
    sig.numerator = notes.beatsPerBar > 0 ? notes.beatsPerBar : 4;
    f.tempoMap.setTimeSignature(sig);
    QMap<QPair<int, int>, int> trackOf; // (channel, program) -> track index
    for (const sdk::Note &n : notes.notes) {
        const QPair<int, int> voice(n.channel, n.program);
        if (!trackOf.contains(voice)) {
            media::MidiTrack t;
            t.channel = n.channel;
            t.program = n.program;
            t.name = QStringLiteral("channel %1 program %2").arg(n.channel + 1).arg(n.program);
            trackOf.insert(voice, int(f.tracks.size()));
            f.tracks.push_back(t);
        }
        media::MidiNote m;
        m.pitch = n.pitch;
        m.velocity = n.velocity;
        m.channel = n.channel;
        m.startTick = std::llround(f.tempoMap.tickAt(n.start));
        m.endTick = std::max<std::int64_t>(m.startTick + 1, std::llround(f.tempoMap.tickAt(n.start + n.duration)));
        f.tracks[size_t(trackOf.value(voice))].notes.push_back(m);
    }
    f.updateSeconds();
    return f;
}

} // namespace mirstudio
