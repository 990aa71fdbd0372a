// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's live MIDI on a private JACK dummy server, through PortAudio and RtMidi: notes sent
// to the app's input port play through the synth (thru) and are recorded into a clip at the
// timeline position where they were sent (within one period); a track routed to a MIDI output
// arrives at another client's input port with its notes, in order, near their planned times.

#include "core/audio/audiodevice.h"
#include "core/audio/engine.h"
#include "core/audio/midioutputrouter.h"
#include "core/audio/midiports.h"
#include "core/audio/midirecorder.h"
#include "core/audio/planbuilder.h"
#include "core/audio/soundfontlocator.h"
#include "core/session/session.h"
#include "enginetestutil.h"
#include "rtfixture.h"

#include <QElapsedTimer>
#include <QTest>

using namespace mirstudio;

namespace {
constexpr int kPeriod = 256;
constexpr int kRate = 48000;
constexpr int kCycleOrderSlack = 24; // see tst_rt_midi: clients of one cycle run in turn
} // namespace

class TestRtMidiEngine : public QObject
{
    Q_OBJECT

private:
    JackServer m_server;

    Engine::Options engineOptions() const
    {
        Engine::Options o;
        o.soundFont = SoundFontLocator::smallSoundFont();
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (SoundFontLocator::smallSoundFont().isEmpty())
            QFAIL("no SoundFont installed: packaging/debian-packages.txt lists timgm6mb-soundfont");
        MIRSTUDIO_REQUIRE_JACK(m_server);
    }

    void cleanupTestCase() { m_server.stop(); }

    void thruAndRecordAtTheTimelinePosition()
    {
        // GIVEN the engine playing an armed MIDI track through JACK, its input port stamped by
        //       the device playhead and feeding the engine
        Session session;
        SessionData d;
        d.sampleRate = kRate;
        d.tempoMap.setPpq(960);
        Track track = enginetest::midiTrack({}, 0);
        track.clips.clear();
        track.recordArm = true;
        d.tracks.push_back(track);
        session.reset(d);
        Engine engine(engineOptions());
        PlanBuilder builder;
        engine.setPlan(builder.build(session.data()));
        AudioDevice device;
        AudioDevice::Options options;
        options.framesPerBuffer = kPeriod;
        options.sampleRate = kRate;
        QVERIFY2(device.open(&engine, options), qPrintable(device.status().message));
        MidiPorts in(QStringLiteral("mstest-eng"), kRate);
        in.setPlayheadSource([&device] { return device.playheadNow(); });
        in.setInputListener([&engine](const MidiMessage &m) { engine.pushLiveMidi(m); });
        QString error;
        QVERIFY2(in.openInput({}, &error), qPrintable(error));
        MidiPorts keyboard(QStringLiteral("mstest-kbd"), kRate);
        QVERIFY2(keyboard.openOutput(in.inputPortName(), &error), qPrintable(error));
        QTest::qWait(50);
        MidiRecorder recorder(&engine);
        engine.play();
        QTest::qWait(30);
        recorder.start(track.id, engine.playhead());
        engine.takeMasterPeak(0);

        // WHEN 8 notes are played, 60 ms each, noting the timeline position at each send
        std::vector<std::int64_t> sentAt;
        for (int i = 0; i < 8; ++i) {
            const std::int64_t startDevice = device.playheadNow();
            const std::int64_t timelineAt = engine.playhead() + (startDevice - device.framesProcessed());
            QVERIFY(keyboard.sendNoteOn(0, 60 + i, 40 + 10 * i));
            sentAt.push_back(timelineAt);
            QTest::qWait(60);
            QVERIFY(keyboard.sendNoteOff(0, 60 + i));
            QTest::qWait(20);
            recorder.poll();
        }
        QTest::qWait(50);
        // THEN the synth sounded (thru)
        QVERIFY(engine.takeMasterPeak(0) > 0.01f);
        const std::int64_t end = engine.playhead();
        const ClipId clip = recorder.stop(session, end);
        device.close();
        QCOMPARE(device.status().xruns, std::int64_t(0));
        // AND one clip holds the 8 notes with their pitches and velocities, each starting
        //     within one period of where it was sent
        QVERIFY(!clip.isNull());
        const Clip &c = session.track(track.id)->clips.at(0);
        QCOMPARE(int(c.notes.size()), 8);
        std::int64_t worst = 0;
        for (int i = 0; i < 8; ++i) {
            const MidiNote &n = c.notes[std::size_t(i)];
            QCOMPARE(n.pitch, 60 + i);
            QCOMPARE(n.velocity, 40 + 10 * i);
            const std::int64_t at = c.start + session.data().tempoMap.frameAt(double(n.start), kRate);
            const std::int64_t delay = at - sentAt[std::size_t(i)];
            worst = std::max(worst, std::abs(delay));
            QVERIFY2(delay >= -kPeriod - kCycleOrderSlack && delay <= kPeriod + kCycleOrderSlack,
                     qPrintable(QStringLiteral("note %1 recorded %2 frames from its send").arg(i).arg(delay)));
            // 60 ms held = 2880 frames; within two periods either way
            const std::int64_t len = session.data().tempoMap.frameAt(double(n.start + n.length), kRate)
                - session.data().tempoMap.frameAt(double(n.start), kRate);
            QVERIFY2(std::abs(len - 2880) <= 2 * kPeriod + 2 * 480,
                     qPrintable(QStringLiteral("note %1 lasted %2 frames").arg(i).arg(len)));
        }
        qInfo("largest record-vs-send offset: %lld frames", static_cast<long long>(worst));
    }

    void routedTrackReachesAnotherClient()
    {
        // GIVEN a receiver port and a MIDI track of 6 notes (every 0.1 s) routed to it
        MidiPorts receiver(QStringLiteral("mstest-recv"), kRate);
        QString error;
        QVERIFY2(receiver.openInput({}, &error), qPrintable(error));
        SessionData d;
        d.sampleRate = kRate;
        d.tempoMap.setPpq(960);
        std::vector<MidiNote> notes;
        for (int i = 0; i < 6; ++i)
            notes.push_back({70 + i, 100, 192 * (i + 1), 96, 0}); // 0.1 s steps at 120 bpm
        d.tracks.push_back(enginetest::midiTrack(notes, kRate));
        d.tracks[0].midiOutput = receiver.inputPortName();
        Engine engine(engineOptions());
        PlanBuilder builder;
        auto plan = builder.build(d);
        engine.setPlan(plan);
        MidiOutputRouter router(&engine, QStringLiteral("mstest-route"));
        QStringList errors;
        QVERIFY2(router.setOutputs(plan->midiOutputs, &errors), qPrintable(errors.join('\n')));
        AudioDevice device;
        AudioDevice::Options options;
        options.framesPerBuffer = kPeriod;
        options.sampleRate = kRate;
        QVERIFY2(device.open(&engine, options), qPrintable(device.status().message));
        QTest::qWait(50);
        // WHEN it plays for 0.9 s
        const std::int64_t startDevice = device.playheadNow();
        receiver.setPlayheadSource([&device] { return device.playheadNow(); });
        engine.play();
        QTest::qWait(900);
        device.close();
        // THEN the 12 messages arrived in order, note-ons about 0.1 s apart
        std::vector<MidiPorts::Event> got;
        MidiPorts::Event e;
        while (receiver.readInput(e))
            got.push_back(e);
        QCOMPARE(int(got.size()), 12);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(int(got[std::size_t(2 * i)].bytes[0]), 0x90);
            QCOMPARE(int(got[std::size_t(2 * i)].bytes[1]), 70 + i);
            QCOMPARE(int(got[std::size_t(2 * i + 1)].bytes[0]), 0x80);
        }
        for (int i = 1; i < 6; ++i) {
            const std::int64_t step = got[std::size_t(2 * i)].frame - got[std::size_t(2 * i - 2)].frame;
            QVERIFY2(std::abs(step - 4800) <= 2 * kPeriod + 96,
                     qPrintable(QStringLiteral("step %1: %2 frames").arg(i).arg(step)));
        }
        Q_UNUSED(startDevice);
        QCOMPARE(router.sentCount(), std::int64_t(12));
    }
};

QTEST_GUILESS_MAIN(TestRtMidiEngine)
#include "tst_rt_midiengine.moc"
