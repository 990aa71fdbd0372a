// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/offlinebounce.h"
#include "core/audio/planbuilder.h"
#include "core/audio/soundfontlocator.h"
#include "core/media/midifilewriter.h"

#include "enginetestutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace enginetest;

namespace {

double rms(const std::vector<float> &x, int rate, double from, double to)
{
    const auto i0 = std::size_t(from * rate);
    const auto i1 = std::min(x.size(), std::size_t(to * rate));
    double sum = 0;
    for (auto i = i0; i < i1; ++i)
        sum += double(x[i]) * x[i];
    return std::sqrt(sum / double(std::max<std::size_t>(1, i1 - i0)));
}

/** 120 bpm at 960 ppq: C4 over 0-0.5 s and A4 over 2.0-2.5 s. */
SessionData twoNoteSession()
{
    SessionData s;
    s.sampleRate = 48000;
    s.tracks.push_back(midiTrack({{60, 100, 0, 960, 0}, {69, 100, 3840, 960, 0}}, 48000 * 3));
    return s;
}

OfflineBounce::Options synthOptions()
{
    OfflineBounce::Options o;
    o.engine.soundFont = SoundFontLocator::smallSoundFont();
    o.blockFrames = 256;
    return o;
}

} // namespace

class TestEngineSynth : public QObject
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
        // GIVEN a MIDI track with two notes separated by 1.5 s of silence
        PlanBuilder builder;
        const auto plan = builder.build(twoNoteSession());
        QCOMPARE(plan->midiEvents.size(), std::size_t(4));
        QCOMPARE(plan->midiEvents[2].frame, std::int64_t(96000)); // 2.0 s
        // WHEN bounced through the engine's synth
        const media::AudioData a = OfflineBounce::render(plan, synthOptions());
        // THEN there is sound during each note and silence well after the first one ends
        QCOMPARE(a.sampleRate, 48000);
        QCOMPARE(a.frames(), std::int64_t(48000 * 3 + 72000));
        const double note1 = rms(a.channels[0], 48000, 0.05, 0.45);
        const double gap = rms(a.channels[0], 48000, 1.5, 1.95);
        const double note2 = rms(a.channels[0], 48000, 2.05, 2.45);
        QVERIFY2(note1 > 0.005, qPrintable(QString::number(note1)));
        QVERIFY2(note2 > 0.005, qPrintable(QString::number(note2)));
        QVERIFY2(gap < 1e-4, qPrintable(QString::number(gap)));
        // AND nothing sounds before the first note-on
        QCOMPARE(rms(a.channels[0], 48000, 1.96, 1.999), 0.0);
    }

    void pitchIsRight()
    {
        // GIVEN the two-note track WHEN bounced THEN the A4's period (the autocorrelation peak
        // between 200 and 1000 Hz) says 440 Hz
        PlanBuilder builder;
        const media::AudioData a = OfflineBounce::render(builder.build(twoNoteSession()), synthOptions());
        const float *x = a.channels[0].data() + std::size_t(2.1 * 48000);
        const int n = int(0.25 * 48000);
        int bestLag = 0;
        double best = -1e300;
        for (int lag = 48000 / 1000; lag <= 48000 / 200; ++lag) {
            double r = 0;
            for (int i = 0; i < n; ++i)
                r += double(x[i]) * x[i + lag];
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        const double hz = 48000.0 / bestLag;
        QVERIFY2(std::abs(hz - 440.0) < 10.0, qPrintable(QString::number(hz)));
    }

    void deterministicAndCancellable()
    {
        PlanBuilder builder;
        const auto plan = builder.build(twoNoteSession());
        // GIVEN the same plan bounced twice THEN the samples are identical
        QVERIFY(OfflineBounce::render(plan, synthOptions()) == OfflineBounce::render(plan, synthOptions()));
        // WHEN the progress callback cancels THEN the bounce stops early with what it has
        int calls = 0;
        const media::AudioData cut = OfflineBounce::render(plan, synthOptions(), [&](double p) {
            ++calls;
            return p < 0.2;
        });
        QVERIFY(calls >= 1);
        QVERIFY2(cut.durationSeconds() < 2.0, qPrintable(QString::number(cut.durationSeconds())));
    }

    void missingSoundFontIsAClearError()
    {
        // GIVEN a SoundFont path that does not exist WHEN MIDI tracks are bounced
        auto o = synthOptions();
        o.engine.soundFont = QStringLiteral("/nonexistent/font.sf2");
        PlanBuilder builder;
        try {
            OfflineBounce::render(builder.build(twoNoteSession()), o);
            QFAIL("expected an error");
        } catch (const std::runtime_error &e) {
            // THEN the error names the file instead of rendering silence
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("/nonexistent/font.sf2")), e.what());
        }
    }

    void mutedAndPannedMidiTracks()
    {
        // GIVEN the same track muted, and panned hard left
        SessionData muted = twoNoteSession();
        muted.tracks[0].mute = true;
        SessionData left = twoNoteSession();
        left.tracks[0].pan = -1.0;
        PlanBuilder builder;
        // WHEN bounced
        const media::AudioData m = OfflineBounce::render(builder.build(muted), synthOptions());
        const media::AudioData l = OfflineBounce::render(builder.build(left), synthOptions());
        // THEN the muted track is silent and the panned one sounds on the left only
        QCOMPARE(m.peak(), 0.0f);
        QVERIFY(rms(l.channels[0], 48000, 0.05, 0.45) > 0.005);
        QVERIFY(rms(l.channels[1], 48000, 0.05, 0.45) < 1e-6);
    }

    void noteAfterSeekIsChasedNotReplayed()
    {
        // GIVEN the two-note track WHEN only 1.0-3.0 s is bounced
        PlanBuilder builder;
        auto o = synthOptions();
        o.startFrame = 48000;
        o.endFrame = 48000 * 3;
        const media::AudioData a = OfflineBounce::render(builder.build(twoNoteSession()), o);
        // THEN the first note (already over) does not sound and the second does, at 1.0 s in
        QVERIFY(rms(a.channels[0], 48000, 0.0, 0.99) < 1e-6);
        QVERIFY(rms(a.channels[0], 48000, 1.05, 1.45) > 0.005);
    }

    void controllersFromTheSourceFileAreHonoured()
    {
        // GIVEN a MIDI file on channel 3 with volume (CC7) 0 at the start and 127 at 2.0 s, and
        // sustain (CC64) pressed at 3.0 s, and a session MIDI clip of that source whose notes
        // (channel 3) are C4 0-0.5 s, A4 2.0-2.5 s and E4 3.0-3.1 s
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        media::MidiFile f(960);
        media::MidiTrack mt;
        mt.channel = 3;
        mt.programChanges.push_back({0, 3, 0});
        mt.controlChanges.push_back({0, 3, 7, 0});
        mt.controlChanges.push_back({3840, 3, 7, 127});
        mt.controlChanges.push_back({5760, 3, 64, 127});
        mt.notes.push_back({60, 100, 3, 0, 960});
        f.tracks.push_back(mt);
        f.updateSeconds();
        const QString path = dir.filePath(QStringLiteral("cc.mid"));
        media::writeMidiFile(path, f);
        auto build = [&] {
            SessionData s;
            s.sampleRate = 48000;
            auto src = std::make_shared<MediaSource>();
            src->id = SourceId::create();
            src->kind = MediaSource::Kind::Midi;
            src->path = path;
            s.pool.add(src);
            s.tracks.push_back(midiTrack({{60, 100, 0, 960, 3}, {69, 100, 3840, 960, 3},
                                          {64, 100, 5760, 192, 3}}, 48000 * 5));
            s.tracks[0].clips[0].source = src->id;
            return s;
        };
        PlanBuilder builder;
        const auto plan = builder.build(build());
        // THEN the plan carries the file's program and controllers on the track's synth channel
        QCOMPARE(plan->tracks[0].synthChannel, 0);
        int controls = 0;
        for (const auto &e : plan->midiEvents) {
            QCOMPARE(int(e.channel), 0);
            controls += e.kind == PlaybackPlan::MidiEvent::Control ? 1 : 0;
        }
        QCOMPARE(controls, 3);
        // WHEN bounced
        const media::AudioData a = OfflineBounce::render(plan, synthOptions());
        // THEN the first note is silent (volume 0), the second sounds (volume 127)
        QVERIFY2(rms(a.channels[0], 48000, 0.05, 0.45) < 1e-5,
                 qPrintable(QString::number(rms(a.channels[0], 48000, 0.05, 0.45))));
        QVERIFY(rms(a.channels[0], 48000, 2.05, 2.45) > 0.005);
        // AND the 0.1 s note under the sustain pedal sounds on 0.5 s after its note-off, far
        // louder than the same plan without the pedal
        auto unpedalled = std::make_shared<PlaybackPlan>(*plan);
        std::erase_if(unpedalled->midiEvents, [](const PlaybackPlan::MidiEvent &e) {
            return e.kind == PlaybackPlan::MidiEvent::Control && e.a == 64;
        });
        const media::AudioData b = OfflineBounce::render(unpedalled, synthOptions());
        const double held = rms(a.channels[0], 48000, 3.5, 3.7);
        const double released = rms(b.channels[0], 48000, 3.5, 3.7);
        QVERIFY2(held > 0.001 && held > 10 * released,
                 qPrintable(QStringLiteral("%1 vs %2").arg(held).arg(released)));
    }
};

QTEST_GUILESS_MAIN(TestEngineSynth)
#include "tst_engine_synth.moc"
