// SPDX-License-Identifier: GPL-3.0-or-later
// MediaConversion: SDK values <-> core/media files, as the CLI and the importer use them.
#include "core/host/mediaconversion.h"
#include "core/media/midifilereader.h"
#include "core/media/midifilewriter.h"

#include <QTest>

using namespace mirstudio;

class TestMediaConversion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notesRoundTripThroughAMidiFile()
    {
        // GIVEN every note of the demo MIDI file as a NoteSequence
        const media::MidiFile file = media::readMidiFile(QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/demo/demo.mid"));
        const sdk::NoteSequence notes = MediaConversion::toNoteSequence(file);
        QCOMPARE(qint64(notes.notes.size()), file.noteCount());
        QCOMPARE(notes.ticksPerQuarter, 480);
        QCOMPARE(notes.bpm, 100.0);
        // WHEN written as MIDI bytes and read back
        const media::MidiFile written = media::readMidiBytes(media::midiFileBytes(MediaConversion::toMidiFile(notes)),
                                                             QStringLiteral("round trip"));
        const sdk::NoteSequence back = MediaConversion::toNoteSequence(written);
        // THEN every note keeps pitch, velocity, channel, program and timing (to a tick)
        QCOMPARE(back.notes.size(), notes.notes.size());
        const double tick = 60.0 / (notes.bpm * notes.ticksPerQuarter);
        for (size_t i = 0; i < notes.notes.size(); ++i) {
            const sdk::Note &a = notes.notes[i];
            const sdk::Note &b = back.notes[i];
            QCOMPARE(b.pitch, a.pitch);
            QCOMPARE(b.velocity, a.velocity);
            QCOMPARE(b.channel, a.channel);
            QCOMPARE(b.program, a.program);
            QVERIFY(std::abs(b.start - a.start) <= tick);
            QVERIFY(std::abs(b.duration - a.duration) <= 2 * tick);
        }
    }

    void audioKeepsSamplesAndRate()
    {
        sdk::AudioBuffer a;
        a.sampleRate = 22050.0;
        a.channels = {{0.1f, -0.2f, 0.3f}, {0.0f, 1.0f, -1.0f}};
        const media::AudioData d = MediaConversion::toAudioData(a);
        QCOMPARE(d.sampleRate, 22050);
        QCOMPARE(d.channels, a.channels);
        const sdk::AudioBuffer back = MediaConversion::toAudioBuffer(d);
        QCOMPARE(back.sampleRate, 22050.0);
        QCOMPARE(back.channels, a.channels);
    }
};

QTEST_GUILESS_MAIN(TestMediaConversion)
#include "tst_mediaconversion.moc"
