// SPDX-License-Identifier: GPL-3.0-or-later
// Proves that Engine::process() neither allocates nor frees, FluidSynth included: the counting
// allocation functions below (operator new/delete and malloc/free) are linked into this test only.
#include "allocationhooks.cpp"

#include "core/audio/allocationcounter.h"
#include "core/audio/engine.h"
#include "core/audio/enginesynth.h"
#include "core/audio/planbuilder.h"
#include "core/audio/soundfontlocator.h"

#include "enginetestutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;
using namespace enginetest;

class TestEngineAlloc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void counterSeesAllocations()
    {
        // GIVEN the hooks WHEN this thread allocates while armed (C++ and C) THEN both are counted
        AllocationCounter::reset();
        AllocationCounter::arm();
        // (volatile: the compiler may not elide a new/delete or malloc/free pair)
        int *volatile p = new int(3);
        void *volatile m = std::malloc(16);
        std::free(m);
        delete p;
        AllocationCounter::disarm();
        QCOMPARE(AllocationCounter::allocations(), std::uint64_t(2));
        QCOMPARE(AllocationCounter::frees(), std::uint64_t(2));
        // AND nothing is counted while disarmed
        int *volatile q = new int(4);
        delete q;
        QCOMPARE(AllocationCounter::allocations(), std::uint64_t(2));
    }

    void hooksSeeFluidSynthMallocs()
    {
        if (SoundFontLocator::smallSoundFont().isEmpty())
            QFAIL("no SoundFont installed: packaging/debian-packages.txt lists timgm6mb-soundfont");
        // GIVEN the hooks WHEN FluidSynth (a C library) loads a SoundFont while armed
        EngineSynth synth;
        AllocationCounter::reset();
        AllocationCounter::arm();
        const bool ok = synth.load(SoundFontLocator::smallSoundFont(), 48000);
        AllocationCounter::disarm();
        // THEN its many malloc calls are counted: the interposition reaches shared libraries
        QVERIFY(ok);
        QVERIFY2(AllocationCounter::allocations() > 100,
                 qPrintable(QString::number(AllocationCounter::allocations())));
    }

    void processNeverAllocates()
    {
        if (SoundFontLocator::smallSoundFont().isEmpty())
            QFAIL("no SoundFont installed: packaging/debian-packages.txt lists timgm6mb-soundfont");
        // GIVEN two audio tracks and a MIDI track playing chords of 3 notes every 0.1 s, a 2 s loop
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SessionData s;
        s.sampleRate = 48000;
        SourceId a, b;
        addSource(s, dir, 1, 1, 48000 * 3, &a);
        addSource(s, dir, 2, 2, 48000 * 3, &b);
        s.tracks.push_back(audioTrack(a, 0, 0, 48000 * 3, -3.0));
        s.tracks.push_back(audioTrack(b, 1000, 0, 48000 * 3));
        std::vector<MidiNote> notes;
        for (int i = 0; i < 30; ++i)
            for (int k = 0; k < 3; ++k)
                notes.push_back({48 + (i % 12) + 4 * k, 90, std::int64_t(i) * 192, 300, 0});
        s.tracks.push_back(midiTrack(notes, 48000 * 3));
        s.tracks.back().recordArm = true; // live input plays through it
        s.tracks.push_back(midiTrack(notes, 48000 * 3));
        s.tracks.back().midiOutput = QStringLiteral("outboard:in"); // goes to the MIDI-out ring
        // AND a stem group of the two sources, separated from the second, auditioned below
        s.tracks.push_back(stemGroup({a, b}, b));
        s.loop = {0, 96000, true};
        PlanBuilder builder;
        const auto plan = builder.build(s);
        QCOMPARE(plan->midiEvents.size(), std::size_t(360));
        Engine::Options o;
        o.soundFont = SoundFontLocator::smallSoundFont();
        Engine engine(o);
        engine.prepare(48000, 128);
        QVERIFY2(engine.synthLoaded(), qPrintable(engine.synthError()));
        engine.setPlan(plan);
        engine.setLoopEnabled(true);
        engine.play();
        std::vector<float> l(128), r(128);
        float *out[2] = {l.data(), r.data()};
        // (no unarmed warm-up: FluidSynth 2.3 with the SoundFont loaded and preallocated
        // polyphony allocates nothing even for the very first notes)
        // WHEN 6000 blocks (16 s: eight loop wraps) are processed while armed, with commands
        // arriving through the queue: seeks, pause/play, master gain, loop off and on, live MIDI
        // (notes, pitch bend, controllers), auditioned notes and stem-group auditions (A/B/X);
        // the rings are drained outside
        AllocationCounter::reset();
        float peak = 0.0f;
        int messagesOut = 0;
        for (int i = 0; i < 6000; ++i) {
            if (i % 700 == 350)
                QVERIFY(engine.seek(std::int64_t(i % 5) * 9000));
            if (i % 1000 == 10)
                QVERIFY(engine.pause());
            if (i % 1000 == 20)
                QVERIFY(engine.play());
            if (i % 500 == 0)
                QVERIFY(engine.setMasterGain(0.5 + 0.1 * (i % 3)));
            if (i == 4000)
                QVERIFY(engine.setLoopEnabled(false));
            if (i == 4300)
                QVERIFY(engine.setLoopEnabled(true));
            if (i % 40 == 0)
                engine.pushLiveMidi(MidiMessage::make(0, 0x90, std::uint8_t(60 + i % 12), 100));
            if (i % 40 == 20)
                engine.pushLiveMidi(MidiMessage::make(0, 0x80, std::uint8_t(60 + (i - 20) % 12), 0));
            if (i % 90 == 5)
                engine.pushLiveMidi(MidiMessage::make(0, 0xE0, 0, std::uint8_t(i % 128)));
            if (i % 300 == 7)
                engine.sendMidi(0x95, 72, 80);
            if (i % 150 == 3) { // audition: mix, a stem, the original, in turn (crossfaded)
                static constexpr AuditionSource::Kind kinds[] = {
                    AuditionSource::Kind::Mix, AuditionSource::Kind::Stem, AuditionSource::Kind::Original};
                QVERIFY(engine.setAudition({kinds[(i / 150) % 3], 4, (i / 450) % 2, 0.5f}));
            }
            AllocationCounter::arm();
            engine.process(nullptr, 0, out, 2, i % 7 == 0 ? 97 : 128);
            AllocationCounter::disarm();
            MidiMessage drained;
            while (engine.readRecordedMidi(drained) || engine.readMidiOut(drained))
                ++messagesOut;
            peak = std::max(peak, std::max(std::fabs(l[0]), std::fabs(r[5])));
        }
        // THEN process() made no allocation and no free, and it really played
        QCOMPARE(AllocationCounter::allocations(), std::uint64_t(0));
        QCOMPARE(AllocationCounter::frees(), std::uint64_t(0));
        QVERIFY(peak > 0.01f);
        QVERIFY(messagesOut > 300); // live messages recorded and routed events sent
        QCOMPARE(engine.droppedMidi(), std::uint64_t(0));
        QVERIFY(engine.takeTrackPeak(2) > 0.0f); // the synth track sounded
        QVERIFY(engine.isPlaying());
        QVERIFY(engine.playhead() < 96000);
    }
};

QTEST_GUILESS_MAIN(TestEngineAlloc)
#include "tst_engine_alloc.moc"
