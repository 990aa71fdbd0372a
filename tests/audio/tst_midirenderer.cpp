// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midirenderer.h"
#include "core/audio/soundfontlocator.h"

#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::media;

namespace {

double rms(const AudioData &a, double from, double to)
{
    const auto i0 = std::int64_t(from * a.sampleRate);
    const auto i1 = std::min<std::int64_t>(a.frames(), std::int64_t(to * a.sampleRate));
    double sum = 0;
    for (auto i = i0; i < i1; ++i)
        sum += double(a.channels[0][i]) * a.channels[0][i];
    return std::sqrt(sum / double(std::max<std::int64_t>(1, i1 - i0)));
}

/** Two notes at 120 bpm: C4 over beats 1-2 and A4 over beats 5-6 (2.0-3.0 s), silence between. */
MidiFile twoNotes()
{
    MidiFile f(480);
    MidiTrack t;
    t.name = QStringLiteral("piano");
    t.channel = 0;
    t.programChanges.push_back({0, 0, 0});
    t.notes.push_back({60, 100, 0, 0, 960});
    t.notes.push_back({69, 100, 0, 1920, 2880});
    f.tracks.push_back(t);
    f.updateSeconds();
    return f;
}

} // namespace

class TestMidiRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (SoundFontLocator::smallSoundFont().isEmpty())
            QFAIL("no SoundFont installed: packaging/debian-packages.txt lists timgm6mb-soundfont");
    }

    void energyWhereTheNotesAre()
    {
        // GIVEN two notes separated by 2 s of silence
        MidiRenderSettings s;
        s.soundFont = SoundFontLocator::smallSoundFont();
        s.reverb = false;
        MidiRenderer r(s);
        // WHEN rendered
        const AudioData a = r.render(twoNotes());
        // THEN the audio is stereo at the asked rate, lasts the song plus the tail,
        QCOMPARE(a.channelCount(), 2);
        QCOMPARE(a.sampleRate, 44100);
        QVERIFY(std::abs(a.durationSeconds() - (3.0 + s.tailSeconds)) < 0.01);
        // and there is energy during each note and (after the release) none between them
        const double note1 = rms(a, 0.05, 0.95);
        const double gap = rms(a, 1.6, 1.95);
        const double note2 = rms(a, 2.05, 2.95);
        QVERIFY2(note1 > 0.005 && note2 > 0.005, qPrintable(QStringLiteral("%1 %2").arg(note1).arg(note2)));
        QVERIFY2(gap < note1 / 30.0, qPrintable(QStringLiteral("gap %1 note %2").arg(gap).arg(note1)));
        QVERIFY(a.peak() < 1.0f);
    }

    void pitchIsRight()
    {
        // GIVEN an A4 (440 Hz) WHEN rendered THEN the zero-crossing rate says ~440 Hz
        MidiRenderSettings s;
        s.soundFont = SoundFontLocator::smallSoundFont();
        s.reverb = false;
        MidiRenderer r(s);
        const AudioData a = r.render(twoNotes());
        const auto i0 = std::int64_t(2.2 * a.sampleRate), i1 = std::int64_t(2.8 * a.sampleRate);
        int crossings = 0;
        for (auto i = i0 + 1; i < i1; ++i)
            crossings += (a.channels[0][i - 1] < 0) != (a.channels[0][i] < 0);
        const double hz = crossings / 2.0 / 0.6;
        QVERIFY2(std::abs(hz - 440.0) < 25.0, qPrintable(QString::number(hz)));
    }

    void deterministicAndCancellable()
    {
        MidiRenderSettings s;
        s.soundFont = SoundFontLocator::smallSoundFont();
        MidiRenderer r(s);
        // GIVEN the same file rendered twice THEN the samples are identical
        QVERIFY(r.render(twoNotes()) == r.render(twoNotes()));
        // WHEN the progress callback cancels THEN rendering stops early with what it has
        int calls = 0;
        const AudioData cut = r.render(twoNotes(), [&](double p) { ++calls; return p < 0.2; });
        QVERIFY(calls >= 1);
        QVERIFY(cut.durationSeconds() < 2.0);
    }

    void missingSoundFontIsAClearError()
    {
        MidiRenderSettings s;
        s.soundFont = QStringLiteral("/nonexistent/font.sf2");
        try {
            MidiRenderer r(s);
            QFAIL("expected an error");
        } catch (const std::runtime_error &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("/nonexistent/font.sf2")));
        }
    }
};

QTEST_GUILESS_MAIN(TestMidiRenderer)
#include "tst_midirenderer.moc"
