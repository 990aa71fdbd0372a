// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/stemarrangement.h"

#include "plugins/toolkit/chordsymbol.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <algorithm>

namespace mirstudio::toolkit {

namespace {

struct Beat
{
    double time = 0.0;
    double length = 0.5;
    bool downbeat = false;
};

std::vector<Beat> beatsOf(const SymbolicItem &item, double end)
{
    std::vector<Beat> beats;
    for (size_t i = 0; i < item.beats.items.size(); ++i) {
        const sdk::Annotation &a = item.beats.items[i];
        Beat b;
        b.time = a.time;
        b.length = i + 1 < item.beats.items.size() ? item.beats.items[i + 1].time - a.time
                                                   : (beats.empty() ? 0.5 : beats.back().length);
        b.downbeat = a.hasValue && a.value >= 1.0;
        if (b.length > 0.0)
            beats.push_back(b);
    }
    if (beats.empty()) {
        const double length = 60.0 / std::max(20.0, item.notes.bpm);
        const int perBar = std::max(1, item.notes.beatsPerBar);
        for (int i = 0; i * length < end; ++i)
            beats.push_back({i * length, length, i % perBar == 0});
    }
    return beats;
}

sdk::Note note(int pitch, double start, double duration, int velocity, int channel = 0)
{
    sdk::Note n;
    n.pitch = pitch;
    n.start = start;
    n.duration = duration;
    n.velocity = velocity;
    n.channel = channel;
    return n;
}

ChordSymbol chordAt(const sdk::AnnotationSet &chords, double time)
{
    for (const sdk::Annotation &c : chords.items) {
        if (c.time <= time + 1e-6 && time < c.time + std::max(c.duration, 1e-6))
            return ChordSymbol::parse(c.label);
    }
    return {};
}

int lowestNoteIn(const sdk::NoteSequence &seq, double from, double to)
{
    int lowest = -1;
    for (const sdk::Note &n : seq.notes) {
        if (n.start < to && n.start + n.duration > from && (lowest < 0 || n.pitch < lowest))
            lowest = n.pitch;
    }
    return lowest;
}

sdk::NoteSequence bassLine(const SymbolicItem &item, const sdk::NoteSequence &accompaniment,
                           const std::vector<Beat> &beats)
{
    sdk::NoteSequence bass;
    for (const Beat &b : beats) {
        const ChordSymbol chord = chordAt(item.chords, b.time);
        int pitch = chord.isChord() ? 36 + chord.root : lowestNoteIn(accompaniment, b.time, b.time + b.length);
        if (pitch < 0)
            continue;
        while (pitch > 47)
            pitch -= 12;
        while (pitch < 28)
            pitch += 12;
        bass.notes.push_back(note(pitch, b.time, b.length * 0.9, b.downbeat ? 100 : 85));
    }
    return bass;
}

sdk::NoteSequence drumPattern(const std::vector<Beat> &beats)
{
    sdk::NoteSequence drums;
    int inBar = 0;
    for (const Beat &b : beats) {
        inBar = b.downbeat ? 0 : inBar + 1;
        const bool kick = inBar % 2 == 0;
        drums.notes.push_back(note(kick ? 36 : 38, b.time, 0.1, kick ? 110 : 95, 9));
        drums.notes.push_back(note(42, b.time, 0.05, 70, 9));
        drums.notes.push_back(note(42, b.time + b.length / 2, 0.05, 55, 9));
    }
    return drums;
}

sdk::NoteSequence chordVoicing(const sdk::AnnotationSet &chords)
{
    sdk::NoteSequence voicing;
    for (const sdk::Annotation &c : chords.items) {
        const ChordSymbol chord = ChordSymbol::parse(c.label);
        if (!chord.isChord() || c.duration <= 0.0)
            continue;
        for (int pc : chord.pitchClasses()) {
            const int pitch = 52 + ((pc - 52 % 12) % 12 + 12) % 12;   // 52..63
            voicing.notes.push_back(note(pitch, c.time, c.duration, 70));
        }
    }
    return voicing;
}

} // namespace

double StemArrangement::endSeconds() const
{
    double end = 0.0;
    for (const sdk::NoteSequence &seq : stems) {
        for (const sdk::Note &n : seq.notes)
            end = std::max(end, n.start + n.duration);
    }
    return end;
}

StemArrangement arrangeStems(const SymbolicItem &item)
{
    StemArrangement out;
    out.id = item.id;
    sdk::NoteSequence lead, other, bass;
    bool hasBassVoice = false;
    for (auto it = item.parts.cbegin(); it != item.parts.cend(); ++it) {
        if (it.key() == QStringLiteral("melody") || it.key() == QStringLiteral("soprano")) {
            mergeNotes(lead, it.value());
        } else if (it.key() == QStringLiteral("bass")) {
            mergeNotes(bass, it.value());
            hasBassVoice = true;
        } else {
            mergeNotes(other, it.value());
        }
    }
    if (other.notes.empty())
        other = chordVoicing(item.chords);
    double end = 0.0;
    for (const sdk::Note &n : item.notes.notes)
        end = std::max(end, n.start + n.duration);
    const std::vector<Beat> beats = beatsOf(item, end);
    if (!hasBassVoice)
        bass = bassLine(item, other, beats);
    sdk::NoteSequence drums = drumPattern(beats);
    auto clip = [end](sdk::NoteSequence &seq) {   // nothing past the song's last note
        seq.notes.erase(std::remove_if(seq.notes.begin(), seq.notes.end(),
                                       [end](const sdk::Note &n) { return n.start >= end; }),
                        seq.notes.end());
    };
    clip(bass);
    clip(drums);
    clip(other);
    for (sdk::NoteSequence *s : {&lead, &other, &bass, &drums}) {
        s->bpm = item.notes.bpm;
        s->beatsPerBar = item.notes.beatsPerBar;
        for (sdk::Note &n : s->notes)
            n.channel = s == &drums ? 9 : 0;
    }
    out.order = {QStringLiteral("vocals"), QStringLiteral("bass"), QStringLiteral("drums"),
                 QStringLiteral("other")};
    out.stems.insert(QStringLiteral("vocals"), lead);
    out.stems.insert(QStringLiteral("bass"), bass);
    out.stems.insert(QStringLiteral("drums"), drums);
    out.stems.insert(QStringLiteral("other"), other);
    return out;
}

} // namespace mirstudio::toolkit
