// SPDX-License-Identifier: GPL-3.0-or-later
// Live MIDI through the engine without a device: thru plays on the armed track's synth channel
// while stopped and while playing; auditioned notes sound; received notes are re-stamped to the
// timeline and recorded into one undoable clip; tracks routed to a MIDI output are not voiced
// and their events come out of the MIDI-out ring at the planned frames, with note-offs on stop.

#include "core/audio/engine.h"
#include "core/audio/midirecorder.h"
#include "core/audio/planbuilder.h"
#include "core/audio/soundfontlocator.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"

#include "enginetestutil.h"

#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace enginetest;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;

struct Runner
{
    Engine engine;
    std::vector<float> left = std::vector<float>(kBlock), right = std::vector<float>(kBlock);

    explicit Runner(const Engine::Options &o) : engine(o) { engine.prepare(kRate, kBlock); }

    /** Runs `blocks` blocks; returns the peak of the output. */
    float run(int blocks)
    {
        float peak = 0.0f;
        float *out[2] = {left.data(), right.data()};
        for (int b = 0; b < blocks; ++b) {
            engine.process(nullptr, 0, out, 2, kBlock);
            for (int i = 0; i < kBlock; ++i)
                peak = std::max({peak, std::fabs(left[std::size_t(i)]), std::fabs(right[std::size_t(i)])});
        }
        return peak;
    }
};

Engine::Options synthOptions()
{
    Engine::Options o;
    o.soundFont = SoundFontLocator::smallSoundFont();
    return o;
}

} // namespace

class TestEngineLiveMidi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (SoundFontLocator::smallSoundFont().isEmpty())
            QFAIL("no SoundFont installed: packaging/debian-packages.txt lists timgm6mb-soundfont");
    }

    void thruSoundsWhileStopped()
    {
        // GIVEN a stopped engine with the synth loaded and an empty plan
        Runner r(synthOptions());
        QVERIFY(r.engine.synthLoaded());
        SessionData s;
        s.sampleRate = kRate;
        PlanBuilder b;
        r.engine.setPlan(b.build(s));
        QCOMPARE(r.run(4), 0.0f);
        // WHEN a live note-on arrives THEN it sounds; AND after its note-off it dies away
        QVERIFY(r.engine.pushLiveMidi(MidiMessage::make(0, 0x90, 60, 110)));
        QVERIFY(r.run(20) > 0.01f);
        QVERIFY(r.engine.pushLiveMidi(MidiMessage::make(0, 0x80, 60, 0)));
        r.run(400); // ~2 s release
        QVERIFY(r.run(4) < 1e-3f);
        // AND the message was handed on for recording
        MidiMessage m;
        QVERIFY(r.engine.readRecordedMidi(m));
        QCOMPARE(int(m.bytes[1]), 60);
    }

    void auditionThroughCommandQueue()
    {
        // GIVEN a stopped engine WHEN the GUI auditions a note on channel 3 THEN it sounds
        Runner r(synthOptions());
        SessionData s;
        s.sampleRate = kRate;
        PlanBuilder b;
        r.engine.setPlan(b.build(s));
        QVERIFY(r.engine.sendMidi(0x93, 64, 100));
        QVERIFY(r.run(20) > 0.01f);
        QVERIFY(r.engine.sendMidi(0x83, 64, 0));
    }

    void thruFollowsTheArmedTrack()
    {
        // GIVEN two MIDI tracks, the second armed
        SessionData s;
        s.sampleRate = kRate;
        s.tracks.push_back(midiTrack({}, kRate));
        s.tracks.push_back(midiTrack({}, kRate));
        s.tracks[1].recordArm = true;
        PlanBuilder b;
        auto plan = b.build(s);
        // THEN thru plays on the second track's synth channel
        QCOMPARE(plan->thruTrack, 1);
        QCOMPARE(plan->thruChannel, plan->tracks[1].synthChannel);
        // AND muting the armed track silences thru
        s.tracks[1].mute = true;
        Runner r(synthOptions());
        r.engine.setPlan(b.build(s));
        r.engine.pushLiveMidi(MidiMessage::make(0, 0x90, 60, 110));
        QCOMPARE(r.run(20), 0.0f);
    }

    void recordsIntoOneUndoableClip()
    {
        // GIVEN a session with an armed MIDI track at 120 bpm / 960 ppq, playing from frame 0
        Session session;
        SessionData d = session.data();
        d.sampleRate = kRate;
        d.tempoMap.setPpq(960);
        Track track = midiTrack({}, 0);
        track.clips.clear();
        track.recordArm = true;
        d.tracks.push_back(track);
        session.reset(d);
        const QByteArray before = QByteArray::number(session.data().tracks[0].clips.size());
        Runner r(synthOptions());
        PlanBuilder b;
        r.engine.setPlan(b.build(session.data()));
        r.engine.play();
        r.run(1);
        MidiRecorder recorder(&r.engine);
        recorder.start(track.id, 0);
        // WHEN C4 is played at device frame 24000 (0.5 s) for 0.5 s, and E4 at 1 s for 0.25 s
        r.run(int(24000 / kBlock) - 1);
        r.engine.pushLiveMidi(MidiMessage::make(24000, 0x90, 60, 90));
        r.run(int(24000 / kBlock));
        r.engine.pushLiveMidi(MidiMessage::make(48000, 0x80, 60, 0));
        r.engine.pushLiveMidi(MidiMessage::make(48000, 0x90, 64, 70));
        r.run(int(12000 / kBlock) + 1);
        r.engine.pushLiveMidi(MidiMessage::make(60000, 0x80, 64, 0));
        r.run(2);
        recorder.poll();
        QCOMPARE(int(recorder.notes(60000).size()), 2);
        const ClipId clip = recorder.stop(session, 72000);
        // THEN one clip holds both notes at the right ticks (0.5 s = 960 ticks at 120 bpm)
        QVERIFY(!clip.isNull());
        const Track *t = session.track(track.id);
        QCOMPARE(int(t->clips.size()), 1);
        const Clip &c = t->clips[0];
        QCOMPARE(c.start, std::int64_t(0));
        QCOMPARE(c.length, std::int64_t(72000));
        QCOMPARE(int(c.notes.size()), 2);
        QCOMPARE(c.notes[0].pitch, 60);
        QCOMPARE(c.notes[0].velocity, 90);
        QCOMPARE(c.notes[0].start, std::int64_t(960));
        QCOMPARE(c.notes[0].length, std::int64_t(960));
        QCOMPARE(c.notes[1].pitch, 64);
        QCOMPARE(c.notes[1].start, std::int64_t(1920));
        QCOMPARE(c.notes[1].length, std::int64_t(480));
        // AND one undo removes the take
        session.undoStack()->undo();
        QCOMPARE(QByteArray::number(session.track(track.id)->clips.size()), before);
    }

    void routedTrackGoesToMidiOut()
    {
        // GIVEN a MIDI track routed to an output port, with C4 over 0.5-1.0 s
        SessionData s;
        s.sampleRate = kRate;
        s.tempoMap.setPpq(960);
        s.tracks.push_back(midiTrack({{60, 100, 960, 960, 0}}, 2 * kRate));
        s.tracks[0].midiOutput = QStringLiteral("synth:in");
        PlanBuilder b;
        auto plan = b.build(s);
        QCOMPARE(plan->tracks[0].midiOutPort, 0);
        QCOMPARE(plan->tracks[0].synthChannel, -1);
        QCOMPARE(int(plan->midiOutputs.size()), 1);
        // WHEN it plays for 1.5 s
        Runner r(synthOptions());
        r.engine.setPlan(plan);
        r.engine.play();
        // THEN the synth stays silent
        QCOMPARE(r.run(int(72000 / kBlock)), 0.0f);
        // AND the note-on and note-off come out at 24000 and 48000 on port 0
        MidiMessage on, off;
        QVERIFY(r.engine.readMidiOut(on));
        QVERIFY(r.engine.readMidiOut(off));
        QCOMPARE(int(on.bytes[0]), 0x90);
        QCOMPARE(int(on.bytes[1]), 60);
        QCOMPARE(on.frame, std::int64_t(24000));
        QCOMPARE(int(off.bytes[0]), 0x80);
        QCOMPARE(off.frame, std::int64_t(48000));
        QCOMPARE(int(on.port), 0);
        // AND stop sends all-notes-off (CC 123) on channels 1 and 10
        r.engine.stop();
        r.run(1);
        MidiMessage cc;
        int notesOff = 0;
        while (r.engine.readMidiOut(cc))
            notesOff += (cc.bytes[0] & 0xF0) == 0xB0 && cc.bytes[1] == 123;
        QCOMPARE(notesOff, 2);
    }

    void midiOutputIsSavedInTheSession()
    {
        // GIVEN a track routed to a port WHEN the session is written and read THEN it stays routed
        Session session;
        SessionData d;
        d.sampleRate = kRate;
        d.tracks.push_back(midiTrack({}, 0));
        d.tracks[0].midiOutput = QStringLiteral("fluid:midi_00");
        session.reset(d);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.mirstudio"));
        session.save(path);
        Session again;
        again.load(path);
        QCOMPARE(again.data().tracks[0].midiOutput, QStringLiteral("fluid:midi_00"));
    }
};

QTEST_GUILESS_MAIN(TestEngineLiveMidi)
#include "tst_engine_livemidi.moc"
