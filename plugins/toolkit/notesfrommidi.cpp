// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/notesfrommidi.h"

#include <algorithm>
#include <tuple>

namespace mirstudio::toolkit {

namespace {

sdk::NoteSequence emptySequenceFor(const media::MidiFile &file)
{
    sdk::NoteSequence seq;
    seq.bpm = file.tempoMap.bpmAt(0);
    seq.ticksPerQuarter = file.ppq;
    seq.beatsPerBar = file.tempoMap.timeSignatureAt(0).numerator;
    return seq;
}

void appendTrack(sdk::NoteSequence &seq, const media::MidiFile &file, int trackIndex)
{
    const media::MidiTrack &track = file.tracks[size_t(trackIndex)];
    const int program = track.program >= 0 ? track.program : 0;
    for (const media::MidiNote &n : track.notes) {
        sdk::Note note;
        note.pitch = n.pitch;
        note.velocity = std::clamp(n.velocity, 1, 127);
        note.channel = n.channel;
        note.program = n.channel == 9 ? 0 : program;
        note.start = file.tempoMap.secondsAt(double(n.startTick));
        note.duration = file.tempoMap.secondsAt(double(n.endTick)) - note.start;
        if (note.duration > 0.0)
            seq.notes.push_back(note);
    }
}

} // namespace

void sortNotes(sdk::NoteSequence &sequence)
{
    std::stable_sort(sequence.notes.begin(), sequence.notes.end(),
                     [](const sdk::Note &a, const sdk::Note &b) {
                         return std::tie(a.start, a.pitch, a.duration)
                             < std::tie(b.start, b.pitch, b.duration);
                     });
}

void mergeNotes(sdk::NoteSequence &sequence, const sdk::NoteSequence &more)
{
    sequence.notes.insert(sequence.notes.end(), more.notes.begin(), more.notes.end());
    sortNotes(sequence);
}

sdk::NoteSequence notesFromMidiTrack(const media::MidiFile &file, int trackIndex)
{
    sdk::NoteSequence seq = emptySequenceFor(file);
    if (trackIndex >= 0 && trackIndex < int(file.tracks.size()))
        appendTrack(seq, file, trackIndex);
    sortNotes(seq);
    return seq;
}

sdk::NoteSequence notesFromMidi(const media::MidiFile &file)
{
    sdk::NoteSequence seq = emptySequenceFor(file);
    for (int i = 0; i < int(file.tracks.size()); ++i)
        appendTrack(seq, file, i);
    sortNotes(seq);
    return seq;
}

int midiTrackIndex(const media::MidiFile &file, const QString &name)
{
    for (int i = 0; i < int(file.tracks.size()); ++i) {
        if (file.tracks[size_t(i)].name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

} // namespace mirstudio::toolkit
