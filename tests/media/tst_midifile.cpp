// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/atomicfile.h"
#include "core/media/mediaerror.h"
#include "core/media/midifile.h"
#include "core/media/midifilereader.h"
#include "core/media/midifilewriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace mirstudio::media;

namespace {

QByteArray be32(std::uint32_t v)
{
    QByteArray b;
    for (int s = 24; s >= 0; s -= 8)
        b.append(char((v >> s) & 0xFF));
    return b;
}

QByteArray be16(int v)
{
    QByteArray b;
    b.append(char((v >> 8) & 0xFF));
    b.append(char(v & 0xFF));
    return b;
}

/** A whole SMF from raw MTrk bodies (event bytes exactly as given). */
QByteArray smf(int format, int division, const QList<QByteArray> &bodies, int declared = -1)
{
    QByteArray out = "MThd" + be32(6) + be16(format)
                     + be16(declared < 0 ? int(bodies.size()) : declared) + be16(division);
    for (const auto &b : bodies)
        out += "MTrk" + be32(std::uint32_t(b.size())) + b;
    return out;
}

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

/**
 * The file of the round-trip test, at 480 PPQ: 120 bpm then 90 bpm (666667 us, the integer
 * SMF stores), 3/4 then 6/8, D major then C minor; a piano (channel 0, program 0, pedal) and
 * a bass (channel 1, program 33, pitch bend) with varied velocities.
 */
MidiFile buildSong()
{
    MidiFile f(480);
    f.format = 1;
    f.tempoMap.setTempo({0, 500000.0});
    f.tempoMap.setTempo({2880, 666667.0});
    f.tempoMap.setTimeSignature({0, 3, 4});
    f.tempoMap.setTimeSignature({4320, 6, 8});
    f.tempoMap.setKeySignature({0, 2, false});
    f.tempoMap.setKeySignature({4320, -3, true});

    MidiTrack piano;
    piano.name = QStringLiteral("Piano");
    piano.channel = 0;
    piano.program = 0;
    piano.programChanges.push_back({0, 0, 0});
    const int pitches[] = {60, 64, 67, 72, 71, 69, 67, 65};
    for (int i = 0; i < 8; ++i) {
        MidiNote n;
        n.pitch = pitches[i];
        n.velocity = 40 + 10 * i;
        n.channel = 0;
        n.startTick = 480 * i;
        n.endTick = 480 * i + 480; // touching notes: offs and ons share ticks
        piano.notes.push_back(n);
    }
    // A chord overlapping the line, and the same pitch struck twice overlapping (FIFO).
    piano.notes.push_back({48, 90, 0, 0, 1440, 0, 0});
    piano.notes.push_back({55, 91, 0, 2000, 2600, 0, 0});
    piano.notes.push_back({55, 92, 0, 2300, 2900, 0, 0});
    piano.controlChanges.push_back({960, 0, 64, 127});
    piano.controlChanges.push_back({2400, 0, 64, 0});
    piano.controlChanges.push_back({0, 0, 7, 100});
    piano.texts.push_back({1440, MidiTextEvent::Marker, QStringLiteral("Chorus")});
    piano.texts.push_back({480, MidiTextEvent::Lyric, QStringLiteral("la")});

    MidiTrack bass;
    bass.name = QStringLiteral("Bass");
    bass.channel = 1;
    bass.program = 33;
    for (int i = 0; i < 6; ++i)
        bass.notes.push_back({36 + i, 127 - 13 * i, 1, 960 * i, 960 * i + 720, 0, 0});
    bass.pitchBends.push_back({100, 1, -8192});
    bass.pitchBends.push_back({200, 1, 8191});
    bass.pitchBends.push_back({300, 1, 0});

    for (MidiTrack *t : {&piano, &bass}) {
        std::stable_sort(t->notes.begin(), t->notes.end(),
                         [](const MidiNote &a, const MidiNote &b) { return a.startTick < b.startTick; });
        std::stable_sort(t->controlChanges.begin(), t->controlChanges.end(),
                         [](const auto &a, const auto &b) { return a.tick < b.tick; });
        std::stable_sort(t->texts.begin(), t->texts.end(),
                         [](const auto &a, const auto &b) { return a.tick < b.tick; });
        t->endTick = t->lengthTicks();
    }
    f.tracks = {piano, bass};
    f.updateSeconds();
    return f;
}

std::vector<MidiNote> sortedNotes(std::vector<MidiNote> notes)
{
    std::sort(notes.begin(), notes.end(), [](const MidiNote &a, const MidiNote &b) {
        return std::tie(a.startTick, a.channel, a.pitch, a.endTick)
               < std::tie(b.startTick, b.channel, b.pitch, b.endTick);
    });
    return notes;
}

void compareNotes(const std::vector<MidiNote> &actual, const std::vector<MidiNote> &expected,
                  std::int64_t scale)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const MidiNote &a = actual[i];
        const MidiNote &e = expected[i];
        QCOMPARE(a.pitch, e.pitch);
        QCOMPARE(a.velocity, e.velocity);
        QCOMPARE(a.channel, e.channel);
        QCOMPARE(a.startTick, e.startTick * scale);
        QCOMPARE(a.endTick, e.endTick * scale);
        QVERIFY2(std::abs(a.startSeconds - e.startSeconds) < 1e-9,
                 qPrintable(QStringLiteral("note %1 start %2 vs %3")
                                .arg(i).arg(a.startSeconds, 0, 'g', 17).arg(e.startSeconds, 0, 'g', 17)));
        QVERIFY(std::abs(a.endSeconds - e.endSeconds) < 1e-9);
    }
}

/** The temporary files (AtomicFile) of `path` that exist now. */
QStringList tempsOf(const QString &path)
{
    return QFileInfo(path).absoluteDir().entryList(
        {mirstudio::media::AtomicFile::tempPrefix(path) + QLatin1Char('*')}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestMidiFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("ppq");
        QTest::newRow("type 1 @480") << 1 << 480;
        QTest::newRow("type 1 @960") << 1 << 960;
        QTest::newRow("type 0 @480") << 0 << 480;
        QTest::newRow("type 0 @960") << 0 << 960;
    }

    void roundTrip()
    {
        QFETCH(int, format);
        QFETCH(int, ppq);
        // GIVEN a two-track song built in code at 480 PPQ
        const MidiFile song = buildSong();
        QCOMPARE(song.noteCount(), std::int64_t(17));
        // WHEN it is written at the requested format and PPQ and read back
        MidiWriteOptions options;
        options.format = format;
        options.ppq = ppq;
        const MidiFile back = readMidiBytes(midiFileBytes(song, options), QStringLiteral("rt.mid"));
        const std::int64_t scale = ppq / 480;

        // THEN format, PPQ and the whole tempo map match
        QCOMPARE(back.format, format);
        QCOMPARE(back.ppq, ppq);
        TempoMap expectedMap = song.tempoMap;
        expectedMap.setPpq(ppq);
        QVERIFY(back.tempoMap == expectedMap);
        QCOMPARE(back.tempoMap.tempos().size(), std::size_t(2));
        QCOMPARE(back.tempoMap.tempos()[1].microsPerQuarter, 666667.0);
        QCOMPARE(back.tempoMap.timeSignatures()[1].denominator, 8);
        QCOMPARE(back.tempoMap.keySignatures()[1].sharps, -3);
        QVERIFY(back.tempoMap.keySignatures()[1].minor);
        QCOMPARE(back.noteCount(), song.noteCount());
        QCOMPARE(back.lengthTicks(), song.lengthTicks() * scale);
        QVERIFY(std::abs(back.lengthSeconds() - song.lengthSeconds()) < 1e-9);

        if (format == 1) {
            // AND a conductor track precedes one track per MidiTrack, each note unchanged
            QCOMPARE(back.tracks.size(), std::size_t(3));
            QVERIFY(back.tracks[0].notes.empty());
            for (std::size_t t = 0; t < 2; ++t) {
                const MidiTrack &e = song.tracks[t];
                const MidiTrack &a = back.tracks[t + 1];
                QCOMPARE(a.name, e.name);
                QCOMPARE(a.channel, e.channel);
                QCOMPARE(a.program, e.program);
                compareNotes(sortedNotes(a.notes), sortedNotes(e.notes), scale);
                QCOMPARE(a.controlChanges.size(), e.controlChanges.size());
                for (std::size_t i = 0; i < a.controlChanges.size(); ++i) {
                    MidiControlChange c = e.controlChanges[i];
                    c.tick *= scale;
                    // At tick 0 the writer puts the program change before the volume CC.
                    QVERIFY(std::find(a.controlChanges.begin(), a.controlChanges.end(), c)
                            != a.controlChanges.end());
                }
                QCOMPARE(a.pitchBends.size(), e.pitchBends.size());
                for (std::size_t i = 0; i < a.pitchBends.size(); ++i) {
                    QCOMPARE(a.pitchBends[i].value, e.pitchBends[i].value);
                    QCOMPARE(a.pitchBends[i].tick, e.pitchBends[i].tick * scale);
                }
                QCOMPARE(a.texts.size(), e.texts.size());
                for (std::size_t i = 0; i < a.texts.size(); ++i) {
                    QCOMPARE(a.texts[i].text, e.texts[i].text);
                    QCOMPARE(a.texts[i].type, e.texts[i].type);
                    QCOMPARE(a.texts[i].tick, e.texts[i].tick * scale);
                }
            }
            QCOMPARE(back.tracks[2].programChanges.size(), std::size_t(1));
            QCOMPARE(back.tracks[2].programChanges[0].channel, 1);
        } else {
            // AND one merged track holds every note with its channel
            QCOMPARE(back.tracks.size(), std::size_t(1));
            QCOMPARE(back.tracks[0].name, QStringLiteral("Piano"));
            std::vector<MidiNote> all = song.tracks[0].notes;
            all.insert(all.end(), song.tracks[1].notes.begin(), song.tracks[1].notes.end());
            compareNotes(sortedNotes(back.tracks[0].notes), sortedNotes(all), scale);
            QCOMPARE(back.tracks[0].programChanges.size(), std::size_t(2));
            QCOMPARE(back.tracks[0].controlChanges.size(), std::size_t(3));
            QCOMPARE(back.tracks[0].pitchBends.size(), std::size_t(3));
        }
    }

    void secondsFollowTempoChange()
    {
        // GIVEN the song (120 bpm until tick 2880, then 666667 us per quarter)
        const MidiFile song = buildSong();
        const MidiFile back = readMidiBytes(midiFileBytes(song, 1), QString());
        // THEN a note at tick 2880 starts at 3 s and one at 3360 a 0.666667 s later
        const auto &bass = back.tracks[2].notes;
        QCOMPARE(bass[3].startTick, std::int64_t(2880));
        QVERIFY(std::abs(bass[3].startSeconds - 3.0) < 1e-12);
        QCOMPARE(bass[4].startTick, std::int64_t(3840));
        QVERIFY(std::abs(bass[4].startSeconds - (3.0 + 2 * 0.666667)) < 1e-12);
    }

    void sustainExtendsHeldNotes()
    {
        // GIVEN channel 0 with the pedal down from 480 to 1920 and channel 1 without pedal:
        //   A 60 [0,960) released under the pedal, B 62 [100,400) released before it,
        //   C 64 [600,700) then C' 64 [1000,1100) struck again under the pedal,
        //   D 67 [2000,2100) after the release, E 60 on channel 1 [500,700)
        MidiFile f(480);
        MidiTrack t;
        t.notes = {{60, 80, 0, 0, 960, 0, 0},     {62, 80, 0, 100, 400, 0, 0},
                   {60, 80, 1, 500, 700, 0, 0},   {64, 80, 0, 600, 700, 0, 0},
                   {64, 81, 0, 1000, 1100, 0, 0}, {67, 80, 0, 2000, 2100, 0, 0}};
        t.controlChanges = {{480, 0, 64, 100}, {1920, 0, 64, 10}};
        t.endTick = 2100;
        f.tracks = {t};
        const QByteArray bytes = midiFileBytes(f, 1);

        // WHEN read without and with applySustain
        const MidiFile plain = readMidiBytes(bytes, QString());
        MidiReadOptions o;
        o.applySustain = true;
        const MidiFile held = readMidiBytes(bytes, QString(), o);

        // THEN without it every end is as written
        const auto &pn = plain.tracks[1].notes;
        QCOMPARE(pn.size(), std::size_t(6));
        for (std::size_t i = 0; i < pn.size(); ++i)
            QCOMPARE(pn[i].endTick, t.notes[i].endTick);
        // AND with it A and C' last until the pedal is released, C ends when struck again,
        // B, D and the channel-1 note keep their ends, and the CC64 events are kept
        const auto &hn = held.tracks[1].notes;
        QCOMPARE(hn[0].endTick, std::int64_t(1920));
        QCOMPARE(hn[1].endTick, std::int64_t(400));
        QCOMPARE(hn[2].endTick, std::int64_t(700));
        QCOMPARE(hn[2].channel, 1);
        QCOMPARE(hn[3].endTick, std::int64_t(1000));
        QCOMPARE(hn[4].endTick, std::int64_t(1920));
        QCOMPARE(hn[5].endTick, std::int64_t(2100));
        QVERIFY(std::abs(hn[0].endSeconds - 2.0) < 1e-12);
        QCOMPARE(held.tracks[1].controlChanges.size(), std::size_t(2));
    }

    void sustainHeldToTrackEnd()
    {
        // GIVEN a note released (tick 96) under a pedal that is never lifted, in a track
        // whose end-of-track event comes 480 ticks later
        const QByteArray body = hex("00903c40" "00b04040" "60803c40" "8360ff2f00");
        MidiReadOptions o;
        o.applySustain = true;
        const MidiFile f = readMidiBytes(smf(0, 480, {body}), QString(), o);
        // THEN the note lasts to the end of the track
        QCOMPARE(f.tracks[0].notes.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].endTick, std::int64_t(576));
        QCOMPARE(f.tracks[0].notes[0].endTick, std::int64_t(576));
    }

    void realFiles_data()
    {
        // Facts from tests/data/midi/midifacts.txt (an independent Python reader).
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("ppq");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<int>>("noteCounts");
        QTest::addColumn<QList<int>>("firstNote"); // track, tick, pitch, velocity, channel
        QTest::addColumn<double>("firstMicros");
        QTest::addColumn<double>("lastMicros");
        QTest::newRow("pop909 001")
            << "pop909_001.mid" << 480
            << QStringList{QString(), "MELODY", "BRIDGE", "PIANO"} << QList<int>{0, 264, 307, 985}
            << QList<int>{1, 9160, 61, 115, 0} << 666665.0 << 666665.0;
        QTest::newRow("pop909 002")
            << "pop909_002.mid" << 480
            << QStringList{QString(), "MELODY", "BRIDGE", "PIANO"} << QList<int>{0, 310, 163, 935}
            << QList<int>{2, 1867, 78, 114, 1} << 967742.0 << 1052630.0;
        QTest::newRow("nottingham ashover1")
            << "nottingham_ashover1.mid" << 1024 << QStringList{QString(), QString()}
            << QList<int>{68, 90} << QList<int>{0, 2048, 76, 90, 0} << 500000.0 << 500000.0;
    }

    void realFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, ppq);
        QFETCH(QStringList, names);
        QFETCH(QList<int>, noteCounts);
        QFETCH(QList<int>, firstNote);
        QFETCH(double, firstMicros);
        QFETCH(double, lastMicros);
        // GIVEN a real type-1 file from a public dataset
        const QString path = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/midi/") + file;
        // WHEN it is read
        const MidiFile f = readMidiFile(path);
        // THEN format, resolution, track names and note counts match the reference
        QCOMPARE(f.format, 1);
        QCOMPARE(f.ppq, ppq);
        QCOMPARE(f.tracks.size(), std::size_t(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(f.tracks[std::size_t(i)].name, names[i]);
            QCOMPARE(f.tracks[std::size_t(i)].notes.size(), std::size_t(noteCounts[i]));
        }
        const MidiNote &n = f.tracks[std::size_t(firstNote[0])].notes.front();
        QCOMPARE(n.startTick, std::int64_t(firstNote[1]));
        QCOMPARE(n.pitch, firstNote[2]);
        QCOMPARE(n.velocity, firstNote[3]);
        QCOMPARE(n.channel, firstNote[4]);
        QCOMPARE(f.tempoMap.tempos().front().microsPerQuarter, firstMicros);
        QCOMPARE(f.tempoMap.tempos().back().microsPerQuarter, lastMicros);
        QVERIFY(std::abs(n.startSeconds - f.tempoMap.secondsAt(double(n.startTick))) < 1e-12);
        // AND every note has a sane span
        for (const auto &t : f.tracks)
            for (const auto &m : t.notes)
                QVERIFY(m.endTick >= m.startTick && m.endSeconds >= m.startSeconds);
        // AND writing and reading it again keeps every note
        const MidiFile again = readMidiBytes(midiFileBytes(f, 1), file);
        QCOMPARE(again.tracks.size(), f.tracks.size() + 1);
        for (std::size_t i = 0; i < f.tracks.size(); ++i)
            compareNotes(sortedNotes(again.tracks[i + 1].notes), sortedNotes(f.tracks[i].notes), 1);
        QVERIFY(again.tempoMap == f.tempoMap);
    }

    void smpteDivisionIsConverted()
    {
        // GIVEN division -25 fps x 40 ticks/frame, a tempo event (meaningless here) and a
        // note from tick 1000 to 1500
        const QByteArray body = hex("00ff510307a120" "8768904064" "8374804000" "00ff2f00");
        const QByteArray bytes = smf(0, 0xE728, {body});
        // WHEN read
        const MidiFile f = readMidiBytes(bytes, QString());
        // THEN ticks are 1000 per second: ppq 1000 at one quarter per second
        QCOMPARE(f.ppq, 1000);
        QCOMPARE(f.tempoMap.tempos().size(), std::size_t(1));
        QCOMPARE(f.tempoMap.tempos()[0].microsPerQuarter, 1e6);
        QCOMPARE(f.tracks[0].notes.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].notes[0].startTick, std::int64_t(1000));
        QCOMPARE(f.tracks[0].notes[0].startSeconds, 1.0);
        QCOMPARE(f.tracks[0].notes[0].endSeconds, 1.5);
    }

    void runningStatusOverlapsAndMissingEnd()
    {
        // GIVEN running status across note-ons and velocity-0 note-offs, the same pitch struck
        // twice before its first release, a note never released, an unknown chunk before the
        // track, a sysex and no end-of-track event
        const QByteArray body = hex("00903c50" "003c51" "604060" "003c00" "603c00" "004000"
                                    "00f0037e7ff7" "00c005" "00904842");
        QByteArray bytes = smf(0, 96, {body});
        bytes.insert(14, "XFIH" + be32(3) + "abc");
        // WHEN read
        const MidiFile f = readMidiBytes(bytes, QString());
        // THEN notes pair first-in first-out, the open one ends at the track end
        QCOMPARE(f.tracks.size(), std::size_t(1));
        const auto &t = f.tracks[0];
        QCOMPARE(t.notes.size(), std::size_t(4));
        QCOMPARE(t.notes[0].velocity, 0x50);
        QCOMPARE(t.notes[0].endTick, std::int64_t(96));
        QCOMPARE(t.notes[1].velocity, 0x51);
        QCOMPARE(t.notes[1].endTick, std::int64_t(192));
        QCOMPARE(t.notes[2].pitch, 0x40);
        QCOMPARE(t.notes[2].startTick, std::int64_t(96));
        QCOMPARE(t.notes[2].endTick, std::int64_t(192));
        QCOMPARE(t.notes[3].pitch, 0x48);
        QCOMPARE(t.endTick, std::int64_t(192));
        QCOMPARE(t.notes[3].endTick, std::int64_t(192));
        QCOMPARE(t.program, 5);
        QCOMPARE(t.sysEx.size(), std::size_t(1));
        QCOMPARE(t.sysEx[0].data, hex("7e7ff7"));
    }

    void writerPutsNoteOffsBeforeNoteOns()
    {
        // GIVEN two touching notes of one pitch, [0,480) and [480,960), on channel 0
        MidiFile f(480);
        MidiTrack t;
        t.notes = {{60, 100, 0, 0, 480, 0, 0}, {60, 100, 0, 480, 960, 0, 0}};
        f.tracks = {t};
        // WHEN written as type 1
        const QByteArray bytes = midiFileBytes(f, 1);
        // THEN the note track is exactly: on, off at 480 before the second on, off, end
        const QByteArray body = hex("00903c64" "8360803c40" "00903c64" "8360803c40" "00ff2f00");
        QVERIFY(bytes.endsWith("MTrk" + QByteArray::fromHex("00000016") + body));
        // AND the header says format 1, two tracks, 480 PPQ
        QCOMPARE(bytes.left(14), "MThd" + hex("00000006" "0001" "0002" "01e0"));
    }

    void metaEventsFromAnyTrackReachTheTempoMap()
    {
        // GIVEN a type-1 file whose second track holds a tempo, a 6/8 and an A minor key
        const QByteArray first = hex("00ff0304486561640090403c" "8360804000" "00ff2f00");
        const QByteArray second = hex("8360ff51030f4240" "00ff580406031808" "00ff590200" "01"
                                      "00ff2f00");
        // WHEN read
        const MidiFile f = readMidiBytes(smf(1, 480, {first, second}), QString());
        // THEN the file's tempo map has them at tick 480 and the note seconds follow it
        QCOMPARE(f.tracks[0].name, QStringLiteral("Head"));
        QCOMPARE(f.tempoMap.tempos().size(), std::size_t(2));
        QCOMPARE(f.tempoMap.tempos()[1], (TempoPoint{480, 1000000.0}));
        QCOMPARE(f.tempoMap.timeSignatureAt(480).numerator, 6);
        QCOMPARE(f.tempoMap.timeSignatureAt(480).denominator, 8);
        QCOMPARE(f.tempoMap.keySignatureAt(480).minor, true);
        QCOMPARE(f.tempoMap.keySignatureAt(480).sharps, 0);
        QCOMPARE(f.tracks[0].notes[0].endSeconds, 0.5);
        QCOMPARE(f.lengthSeconds(), 0.5);
    }

    void writeIsAtomicAndOverwrites()
    {
        // GIVEN a temporary folder holding an older file at the target path
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("song.mid"));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        // WHEN the song is written there as type 0 at 960 PPQ
        const MidiFile song = buildSong();
        MidiWriteOptions o;
        o.format = 0;
        o.ppq = 960;
        writeMidiFile(path, song, o);
        // THEN the file is replaced, no temporary file remains, and it reads back
        QVERIFY(tempsOf(path).isEmpty());
        const MidiFile back = readMidiFile(path);
        QCOMPARE(back.format, 0);
        QCOMPARE(back.ppq, 960);
        QCOMPARE(back.noteCount(), song.noteCount());
        // AND an unwritable path throws MediaError
        QVERIFY_THROWS_EXCEPTION(MediaError,
                                 writeMidiFile(dir.filePath(QStringLiteral("no/such/dir/x.mid")), song));
        QVERIFY_THROWS_EXCEPTION(MediaError, readMidiFile(dir.filePath(QStringLiteral("missing.mid"))));
    }
};

QTEST_GUILESS_MAIN(TestMidiFile)
#include "tst_midifile.moc"
