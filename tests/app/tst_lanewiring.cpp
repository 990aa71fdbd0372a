// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/lanewiring.h"
#include "app/gui/mainwindow.h"
#include "app/gui/playbackcontroller.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/pianorolllane.h"
#include "widgets/timelineview.h"

#include <QApplication>
#include <QSettings>
#include <QTest>

#include <array>

using namespace mirstudio;

/** The window's lanes wired to playback: piano-roll audition and the live take. */
class TestLaneWiring : public QObject
{
    Q_OBJECT
private:
    static QList<widgets::PianoRollLane *> rolls(MainWindow &w)
    {
        QList<widgets::PianoRollLane *> out;
        for (widgets::Lane *lane : w.timeline()->lanes())
            if (auto *roll = qobject_cast<widgets::PianoRollLane *>(lane))
                out << roll;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MIR Studio tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lanewiring"));
        QSettings().clear();
    }

    void pianoRollsAuditionOnTheirTracksSynthChannel()
    {
        // GIVEN the demo, whose MIDI tracks are voiced on different synth channels
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const auto lanes = rolls(w);
        QVERIFY(lanes.size() >= 2);
        std::vector<std::array<int, 3>> sent;
        w.laneWiring()->setMidiSink([&](std::uint8_t s, std::uint8_t a, std::uint8_t b) {
            sent.push_back({s, a, b});
            return true;
        });
        const auto plan = w.playback()->currentPlan();
        QVERIFY(plan);
        QSet<int> channels;
        for (widgets::PianoRollLane *roll : lanes) {
            // WHEN a note of the lane is auditioned and released
            QVERIFY(roll->audition());
            QCOMPARE(roll->audition(), w.laneWiring()->audition(roll->trackId()));
            const int expected = plan->tracks[size_t(w.session()->trackIndex(roll->trackId()))].synthChannel;
            sent.clear();
            roll->audition()->play(64, 90);
            roll->audition()->stop();
            if (expected < 0) { // not voiced (e.g. sent to a MIDI output): silent
                QVERIFY(sent.empty());
                continue;
            }
            // THEN a note-on and a note-off went out on the track's channel in the plan
            QCOMPARE(int(sent.size()), 2);
            QCOMPARE(sent[0], (std::array<int, 3>{0x90 | expected, 64, 90}));
            QCOMPARE(sent[1], (std::array<int, 3>{0x80 | expected, 64, 0}));
            channels.insert(expected);
        }
        QVERIFY(channels.size() >= 2);
    }

    void rebuiltRowsGetAuditionsAgain()
    {
        // GIVEN the demo WHEN the timeline makes its rows anew
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        w.timeline()->rebuild();
        // THEN every new piano-roll lane has its track's audition
        const auto lanes = rolls(w);
        QVERIFY(!lanes.isEmpty());
        for (widgets::PianoRollLane *roll : lanes)
            QCOMPARE(roll->audition(), w.laneWiring()->audition(roll->trackId()));
    }

    void theTakeInProgressIsDrawnOnItsLane()
    {
        // GIVEN the demo's first MIDI lane
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const auto lanes = rolls(w);
        QVERIFY(!lanes.isEmpty());
        widgets::PianoRollLane *roll = lanes.front();
        // WHEN the controller reports the take in progress on its track
        MidiRecorder::Note held;
        held.pitch = 67;
        held.start = 4800;
        Q_EMIT w.playback()->liveNotes(roll->trackId(), {held});
        // THEN the lane shows it, and it goes when the take ends
        QCOMPARE(int(roll->liveNotes().size()), 1);
        QCOMPARE(roll->liveNotes().front().pitch, 67);
        Q_EMIT w.playback()->liveNotes(roll->trackId(), {});
        QVERIFY(roll->liveNotes().empty());
    }
};

QTEST_MAIN(TestLaneWiring)
#include "tst_lanewiring.moc"
