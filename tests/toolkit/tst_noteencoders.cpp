// SPDX-License-Identifier: GPL-3.0-or-later
// Piano-roll, PianoTree and event-token encoders: exact token layouts on hand-made notes and a
// round trip of every note of a real POP909 MIDI file (tests/data/midi/pop909_001.mid, the
// dataset's 001.mid unchanged), each within its representation's quantisation.
#include "core/media/midifilereader.h"
#include "plugins/toolkit/eventtokens.h"
#include "plugins/toolkit/notesfrommidi.h"
#include "plugins/toolkit/pianoroll.h"
#include "plugins/toolkit/pianotree.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

using GridNote = std::tuple<int, std::int64_t, std::int64_t>;   // pitch, on step, off step

sdk::Note makeNote(int pitch, double start, double duration, int velocity = 100)
{
    sdk::Note n;
    n.pitch = pitch;
    n.start = start;
    n.duration = duration;
    n.velocity = velocity;
    return n;
}

sdk::NoteSequence realSong()
{
    const auto file = media::readMidiFile(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/midi/pop909_001.mid"));
    return notesFromMidi(file);
}

std::vector<GridNote> onGrid(const sdk::NoteSequence &seq, const NoteGrid &grid)
{
    std::vector<GridNote> out;
    for (const sdk::Note &n : seq.notes)
        out.emplace_back(n.pitch, grid.stepAt(n.start), grid.stepAt(n.start + n.duration));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestNoteEncoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pianoRollLayout()
    {
        // GIVEN two notes at 120 bpm on a 16th grid (0.125 s per step)
        sdk::NoteSequence seq;
        seq.notes = {makeNote(60, 0.0, 0.5, 127), makeNote(64, 0.25, 0.125, 64)};
        PianoRollConfig config;
        config.velocity = true;
        config.onsetChannel = true;
        // WHEN encoded with velocity and onset channels
        const torch::Tensor roll = PianoRoll(config).encode(seq);
        // THEN frames cover [on, off) with velocity/127 and onsets mark the first step
        QCOMPARE(roll.sizes().vec(), (std::vector<std::int64_t>{2, 4, 128}));
        QCOMPARE(roll[0].index({torch::indexing::Slice(), 60}).sum().item<float>(), 4.0f);
        QCOMPARE(roll[0][2][64].item<float>(), 64.0f / 127.0f);
        QCOMPARE(roll[0][3][64].item<float>(), 0.0f);
        QCOMPARE(roll[1].sum().item<float>(), 2.0f);
        QCOMPARE(roll[1][2][64].item<float>(), 1.0f);
        // AND decoding restores both notes with their velocities
        const sdk::NoteSequence back = PianoRoll(config).decode(roll);
        QCOMPARE(int(back.notes.size()), 2);
        QCOMPARE(back.notes[1].velocity, 64);
        QCOMPARE(back.notes[0].duration, 0.5);
    }

    void pianoRollRoundTripsARealSong()
    {
        // GIVEN every note of POP909 song 001 (three tracks merged)
        const sdk::NoteSequence song = realSong();
        QCOMPARE(int(song.notes.size()), 1556);
        PianoRollConfig config;
        config.grid.bpm = song.bpm;
        config.onsetChannel = true;
        // WHEN it goes through a binary roll with onsets
        const PianoRoll roll(config);
        const sdk::NoteSequence back = roll.decode(roll.encode(song));
        // THEN the decoded notes are the song's notes on the grid as one roll cell holds them:
        // a pitch's run from each onset lasts while any note of that pitch sounds, up to the
        // next onset of that pitch; notes sharing pitch and onset become one
        std::map<int, std::set<std::int64_t>> frames, onsets;
        for (const auto &[p, on, off] : onGrid(song, config.grid)) {
            onsets[p].insert(on);
            for (std::int64_t t = on; t < std::max(off, on + 1); ++t)
                frames[p].insert(t);
        }
        std::vector<GridNote> expected;
        for (const auto &[p, ons] : onsets) {
            for (std::int64_t on : ons) {
                std::int64_t off = on + 1;
                while (frames[p].count(off) && !ons.count(off))
                    ++off;
                expected.emplace_back(p, on, off);
            }
        }
        std::sort(expected.begin(), expected.end());
        QCOMPARE(int(expected.size()), int(back.notes.size()));
        QVERIFY(onGrid(back, config.grid) == expected);
    }

    void pianoTreeLayout()
    {
        // GIVEN a C major triad on step 0 lasting 5 steps and a note on step 33 (segment 2)
        sdk::NoteSequence seq;
        seq.notes = {makeNote(67, 0.0, 0.625), makeNote(60, 0.0, 0.625), makeNote(64, 0.0, 0.625),
                     makeNote(72, 33 * 0.125, 0.125)};
        // WHEN encoded
        int dropped = -1;
        const torch::Tensor tree = PianoTree().encode(seq, &dropped);
        // THEN the official layout: <sos>, pitches ascending, <eos>, pad; duration-1 in 5 bits
        QCOMPARE(tree.sizes().vec(), (std::vector<std::int64_t>{2, 32, 16, 6}));
        QCOMPARE(dropped, 0);
        const auto step0 = tree[0][0];
        QCOMPARE(step0[0][0].item<std::int64_t>(), std::int64_t(PianoTree::kSos));
        QCOMPARE(step0[1][0].item<std::int64_t>(), std::int64_t(60));
        QCOMPARE(step0[2][0].item<std::int64_t>(), std::int64_t(64));
        QCOMPARE(step0[3][0].item<std::int64_t>(), std::int64_t(67));
        QCOMPARE(step0[4][0].item<std::int64_t>(), std::int64_t(PianoTree::kEos));
        QCOMPARE(step0[5][0].item<std::int64_t>(), std::int64_t(PianoTree::kPad));
        QCOMPARE(step0[1].slice(0, 1, 6).sum().item<std::int64_t>(), std::int64_t(1)); // 00100
        QCOMPARE(step0[1][3].item<std::int64_t>(), std::int64_t(1));
        QCOMPARE(step0[0][1].item<std::int64_t>(), std::int64_t(PianoTree::kDurationPad));
        QCOMPARE(tree[0][1][1][0].item<std::int64_t>(), std::int64_t(PianoTree::kEos));
        QCOMPARE(tree[1][1][1][0].item<std::int64_t>(), std::int64_t(72));
        QCOMPARE(tree[1][1][1].slice(0, 1, 6).sum().item<std::int64_t>(), std::int64_t(0));
    }

    void pianoTreeRoundTripsARealSong()
    {
        // GIVEN every note of POP909 song 001 on its 16th grid
        const sdk::NoteSequence song = realSong();
        PianoTree::Config config;
        config.grid.bpm = song.bpm;
        const PianoTree tree(config);
        // WHEN encoded as 2-bar PianoTree segments and decoded
        int dropped = -1;
        const sdk::NoteSequence back = tree.decode(tree.encode(song, &dropped));
        // THEN every (onset, pitch) comes back with its duration cut at the segment end and at
        // 32 steps, the longest of notes sharing onset and pitch
        QCOMPARE(dropped, 0);
        std::map<std::pair<std::int64_t, int>, std::int64_t> expected;
        for (const auto &[p, on, off] : onGrid(song, config.grid)) {
            const std::int64_t end = std::min({std::max(off, on + 1), (on / 32 + 1) * 32, on + 32});
            auto &e = expected[{on, p}];
            e = std::max(e, end);
        }
        std::vector<GridNote> expectedNotes;
        for (const auto &[key, off] : expected)
            expectedNotes.emplace_back(key.second, key.first, off);
        std::sort(expectedNotes.begin(), expectedNotes.end());
        QCOMPARE(int(back.notes.size()), int(expectedNotes.size()));
        QVERIFY(onGrid(back, config.grid) == expectedNotes);
        QVERIFY(back.notes.size() > 1500);
    }

    void eventTokenVocabulary()
    {
        // GIVEN FaderNets' settings (Magenta MidiPerformanceEncoder 100 steps/s, 64 bins, 21..108)
        const EventTokenizer tok;
        // THEN the vocabulary is 342 with Magenta's block order
        QCOMPARE(tok.vocabularySize(), std::int64_t(342));
        QCOMPARE(tok.noteOn(21), std::int64_t(2));
        QCOMPARE(tok.noteOff(21), std::int64_t(90));
        QCOMPARE(tok.timeShift(1), std::int64_t(178));
        QCOMPARE(tok.timeShift(100), std::int64_t(277));
        QCOMPARE(tok.velocity(64), std::int64_t(341));
        QCOMPARE(tok.velocityToBin(100), 50);
        QCOMPARE(tok.binToVelocity(50), 99);
        QCOMPARE(EventTokenizer(EventTokenizer::musicTransformer()).vocabularySize(),
                 std::int64_t(310));
    }

    void eventTokenSequence()
    {
        // GIVEN C4 at 0 s for 0.5 s (velocity 80) and E4 from 0.25 s to 1.75 s (velocity 80)
        sdk::NoteSequence seq;
        seq.notes = {makeNote(60, 0.0, 0.5, 80), makeNote(64, 0.25, 1.5, 80)};
        const EventTokenizer tok;
        // WHEN encoded
        const std::vector<std::int64_t> tokens = tok.encode(seq);
        // THEN one VELOCITY before the first NOTE_ON, shifts split at 100 steps
        const std::vector<std::int64_t> expected = {
            tok.velocity(40), tok.noteOn(60), tok.timeShift(25), tok.noteOn(64),
            tok.timeShift(25), tok.noteOff(60), tok.timeShift(100), tok.timeShift(25),
            tok.noteOff(64)};
        QVERIFY(tokens == expected);
        // AND decoding gives the notes back with the bin's velocity
        const sdk::NoteSequence back = tok.decode(tokens);
        QCOMPARE(int(back.notes.size()), 2);
        QCOMPARE(back.notes[1].pitch, 64);
        QCOMPARE(back.notes[1].velocity, 79);
        QVERIFY(std::abs(back.notes[1].duration - 1.5) < 1e-9);
    }

    void eventTokensRoundTripARealSong()
    {
        // GIVEN every note of POP909 song 001
        const sdk::NoteSequence song = realSong();
        const EventTokenizer tok;
        // WHEN tokenised and decoded
        const std::vector<std::int64_t> tokens = tok.encode(song);
        const sdk::NoteSequence back = tok.decode(tokens);
        // THEN onsets (pitch, 10 ms step, velocity bin) and offsets (pitch, step) match exactly
        auto step = [](double s) { return std::int64_t(s * 100 + 0.5); };
        std::multiset<std::tuple<int, std::int64_t, int>> onsIn, onsOut;
        std::multiset<std::pair<int, std::int64_t>> offsIn, offsOut;
        for (const sdk::Note &n : song.notes) {
            const std::int64_t on = step(n.start);
            onsIn.emplace(n.pitch, on, tok.binToVelocity(tok.velocityToBin(n.velocity)));
            offsIn.emplace(n.pitch, std::max(step(n.start + n.duration), on + 1));
        }
        for (const sdk::Note &n : back.notes) {
            onsOut.emplace(n.pitch, step(n.start), n.velocity);
            offsOut.emplace(n.pitch, step(n.start + n.duration));
        }
        QCOMPARE(int(back.notes.size()), 1556);
        QVERIFY(onsIn == onsOut);
        QVERIFY(offsIn == offsOut);
        QVERIFY(std::all_of(tokens.begin(), tokens.end(),
                            [&](std::int64_t t) { return t >= 2 && t < tok.vocabularySize(); }));
    }
};

QTEST_GUILESS_MAIN(TestNoteEncoders)
#include "tst_noteencoders.moc"
