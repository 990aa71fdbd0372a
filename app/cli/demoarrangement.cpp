// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/demoarrangement.h"

#include <QStringList>

#include <array>

namespace mirstudio::cli {

namespace {

constexpr int kPpq = 480;
constexpr int kBar = 4 * kPpq;
constexpr int kBars = 8;

struct ChordShape
{
    const char *name;
    int root;                 // bass note (MIDI)
    std::array<int, 3> voicing; // piano voicing (MIDI)
};

const std::array<ChordShape, 4> kProgression = {{
    {"C", 36, {60, 64, 67}},
    {"Am", 45, {60, 64, 69}},
    {"F", 41, {60, 65, 69}},
    {"G", 43, {59, 62, 67}},
}};

// The melody: (pitch, start in eighths within the 8 bars, length in eighths); 0 pitch = none.
struct Step { int pitch; int start; int length; };
const Step kMelody[] = {
    {72, 0, 2},  {76, 2, 2},  {79, 4, 3},  {77, 7, 1},
    {76, 8, 2},  {72, 10, 2}, {69, 12, 4},
    {69, 16, 2}, {72, 18, 2}, {77, 20, 3}, {76, 23, 1},
    {74, 24, 2}, {71, 26, 2}, {67, 28, 4},
    {72, 32, 2}, {76, 34, 2}, {79, 36, 2}, {84, 38, 2},
    {81, 40, 3}, {79, 43, 1}, {76, 44, 4},
    {77, 48, 2}, {76, 50, 2}, {74, 52, 2}, {72, 54, 2},
    {74, 56, 3}, {71, 59, 1}, {72, 60, 4},
};

media::MidiTrack track(const char *name, int channel, int program)
{
    media::MidiTrack t;
    t.name = QString::fromLatin1(name);
    t.channel = channel;
    t.program = program;
    if (channel != 9)
        t.programChanges.push_back({0, channel, program});
    t.controlChanges.push_back({0, channel, 7, 100});  // volume
    t.endTick = kBars * kBar;
    return t;
}

void note(media::MidiTrack &t, int pitch, int velocity, std::int64_t start, std::int64_t length)
{
    t.notes.push_back({pitch, velocity, t.channel, start, start + length});
}

} // namespace

QStringList demoChordsPerBar()
{
    QStringList out;
    for (int bar = 0; bar < kBars; ++bar)
        out << QString::fromLatin1(kProgression[bar % 4].name);
    return out;
}

media::MidiFile demoArrangement()
{
    media::MidiFile f(kPpq);
    f.format = 1;
    f.tempoMap.setTempo({0, 600000.0}); // 100 bpm
    f.tempoMap.setTimeSignature({0, 4, 4});
    f.tempoMap.setKeySignature({0, 0, false});

    media::MidiTrack melody = track("Melody", 0, 73);      // flute
    media::MidiTrack chords = track("Piano", 1, 0);        // acoustic grand
    media::MidiTrack bass = track("Bass", 2, 33);          // fingered bass
    media::MidiTrack drums = track("Drums", 9, 0);         // GM percussion

    for (const Step &s : kMelody)
        note(melody, s.pitch, 96, std::int64_t(s.start) * kPpq / 2, std::int64_t(s.length) * kPpq / 2 - 20);
    // Sustain pedal on the piano for each bar (CC64), released just before the next chord.
    for (int bar = 0; bar < kBars; ++bar) {
        const ChordShape &c = kProgression[bar % 4];
        const std::int64_t t0 = std::int64_t(bar) * kBar;
        for (int beat : {0, 2})
            for (int p : c.voicing)
                note(chords, p, beat == 0 ? 72 : 60, t0 + beat * kPpq, 2 * kPpq - 30);
        chords.controlChanges.push_back({t0 + 10, 1, 64, 127});
        chords.controlChanges.push_back({t0 + kBar - 15, 1, 64, 0});
        for (int beat = 0; beat < 4; ++beat) {
            const int pitch = beat == 3 ? c.root + 7 : c.root;
            note(bass, pitch, beat == 0 ? 100 : 84, t0 + beat * kPpq, kPpq - 40);
        }
        for (int eighth = 0; eighth < 8; ++eighth) {
            const std::int64_t t = t0 + eighth * kPpq / 2;
            note(drums, 42, eighth % 2 ? 60 : 80, t, kPpq / 4);                  // closed hi-hat
            if (eighth == 0 || eighth == 5)
                note(drums, 36, 110, t, kPpq / 4);                               // kick
            if (eighth == 2 || eighth == 6)
                note(drums, 38, 100, t, kPpq / 4);                               // snare
        }
    }
    f.tracks = {melody, chords, bass, drums};
    f.updateSeconds();
    return f;
}

} // namespace mirstudio::cli
