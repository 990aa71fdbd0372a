// SPDX-License-Identifier: GPL-3.0-or-later
#include "pianorollfixture.h"

#include "core/session/settempomapcommand.h"
#include "widgets/noteaudition.h"
#include "widgets/pianokeyboard.h"
#include "widgets/pianorolleditor.h"
#include "widgets/pianorolllane.h"
#include "widgets/velocitylane.h"

#include <QComboBox>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

MidiNote note(int pitch, std::int64_t start, std::int64_t length, int velocity = 100)
{
    MidiNote n;
    n.pitch = pitch;
    n.start = start;
    n.length = length;
    n.velocity = velocity;
    return n;
}

/** A lane 800 x 240 showing pitches 48..71: rows of 10 px, pitch p's row starts at (71 - p) * 10. */
struct Roll
{
    PianoRollLane lane;
    NoteAudition audition;
    explicit Roll(PianoRollFixture &f) : lane(&f.axis, &f.session, f.track)
    {
        lane.resize(800, 240);
        lane.setPitchRange(48, 71);
        audition.setSink(f.sink());
        lane.setAudition(&audition);
    }
};

int yOf(int pitch) { return (71 - pitch) * 10 + 5; }

} // namespace

class TstPianoRoll : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawToolCreatesASnappedNoteInOneUndoStep()
    {
        // GIVEN an empty clip, the draw tool and a 1/16 grid
        PianoRollFixture f;
        Roll r(f);
        r.lane.setTool(PianoRollLane::Tool::Draw);
        const QByteArray before = f.bytes();
        const int steps = f.session.undoStack()->count();
        // WHEN the user drags from 0.6 s to 1.1 s on pitch 68
        QTest::mousePress(&r.lane, Qt::LeftButton, {}, QPoint(60, yOf(68)));
        QTest::mouseMove(&r.lane, QPoint(85, yOf(68)));
        QTest::mouseMove(&r.lane, QPoint(110, yOf(68)));
        QTest::mouseRelease(&r.lane, Qt::LeftButton, {}, QPoint(110, yOf(68)));
        // THEN one note starts on the sixteenth under the press (tick 960) and ends on the
        // sixteenth nearest the release (0.5 s later: tick 2160), as one undo step
        QCOMPARE(f.notes().size(), std::size_t(1));
        QCOMPARE(f.notes()[0], note(68, 960, 1200));
        QCOMPARE(f.session.undoStack()->count(), steps + 1);
        // AND it was heard while drawn, and silenced on release
        QCOMPARE(f.sent, (std::vector<std::uint8_t>{0x90, 68, 100, 0x80, 68, 0}));
        // WHEN undone THEN the session is byte for byte what it was
        f.session.undoStack()->undo();
        QCOMPARE(f.bytes(), before);
    }

    void snapFollowsTheTempoMap()
    {
        // GIVEN a session at 60 bpm (a quarter is 1 s = 100 px)
        PianoRollFixture f;
        media::TempoMap slow;
        slow.setTempo({0, 1'000'000.0});
        f.session.push(new SetTempoMapCommand(&f.session, slow, QStringLiteral("Tempo")));
        Roll r(f);
        r.lane.setSnapGrid(SnapGrid::Quarter);
        // WHEN a note is double-clicked at 2.3 s
        QTest::mouseDClick(&r.lane, Qt::LeftButton, {}, QPoint(230, yOf(60)));
        // THEN it starts on beat 3 (tick 1920 = 2 s) and lasts one quarter
        QCOMPARE(f.notes().size(), std::size_t(1));
        QCOMPARE(f.notes()[0], note(60, 1920, 960));
    }

    void dragMovesInTimeAndPitchAsOneUndoStep()
    {
        // GIVEN a note of pitch 60 at tick 960 (x 50..75)
        PianoRollFixture f({note(60, 960, 480), note(64, 0, 240)});
        Roll r(f);
        const QByteArray before = f.bytes();
        const int steps = f.session.undoStack()->count();
        // WHEN it is dragged 25 px right and two rows up, through intermediate positions
        QTest::mousePress(&r.lane, Qt::LeftButton, {}, QPoint(60, yOf(60)));
        QTest::mouseMove(&r.lane, QPoint(70, yOf(61)));
        QTest::mouseMove(&r.lane, QPoint(85, yOf(62)));
        QTest::mouseRelease(&r.lane, Qt::LeftButton, {}, QPoint(85, yOf(62)));
        // THEN it moved a beat later (snapped) to pitch 62; the other note stayed
        QCOMPARE(f.notes()[0], note(62, 1440, 480));
        QCOMPARE(f.notes()[1], note(64, 0, 240));
        QCOMPARE(f.session.undoStack()->count(), steps + 1);
        // AND each pitch was heard as the note crossed it
        QCOMPARE(f.sent, (std::vector<std::uint8_t>{0x90, 60, 100, 0x80, 60, 0, 0x90, 61, 100,
                                                    0x80, 61, 0, 0x90, 62, 100, 0x80, 62, 0}));
        // WHEN undone THEN the session is exactly restored; redo brings the move back
        f.session.undoStack()->undo();
        QCOMPARE(f.bytes(), before);
        f.session.undoStack()->redo();
        QCOMPARE(f.notes()[0], note(62, 1440, 480));
    }

    void dragTheRightEdgeResizes()
    {
        // GIVEN a note at tick 960, 480 long (x 50..75)
        PianoRollFixture f({note(60, 960, 480)});
        Roll r(f);
        // WHEN its right edge is dragged 26 px right
        QTest::mousePress(&r.lane, Qt::LeftButton, {}, QPoint(74, yOf(60)));
        QTest::mouseMove(&r.lane, QPoint(100, yOf(60)));
        QTest::mouseRelease(&r.lane, Qt::LeftButton, {}, QPoint(100, yOf(60)));
        // THEN it ends on the grid a beat later, start and pitch unchanged
        QCOMPARE(f.notes()[0], note(60, 960, 960));
        // AND dragging the edge left of the start keeps one grid step
        QTest::mousePress(&r.lane, Qt::LeftButton, {}, QPoint(99, yOf(60)));
        QTest::mouseMove(&r.lane, QPoint(10, yOf(60)));
        QTest::mouseRelease(&r.lane, Qt::LeftButton, {}, QPoint(10, yOf(60)));
        QCOMPARE(f.notes()[0], note(60, 960, 240));
    }

    void deleteKeyRemovesTheSelectionAndUndoRestores()
    {
        // GIVEN three notes
        PianoRollFixture f({note(60, 0, 240), note(62, 960, 240), note(64, 1920, 240)});
        Roll r(f);
        const QByteArray before = f.bytes();
        // WHEN the first is clicked, the third shift-clicked, and Delete pressed
        QTest::mouseClick(&r.lane, Qt::LeftButton, {}, QPoint(3, yOf(60)));
        QTest::mouseClick(&r.lane, Qt::LeftButton, Qt::ShiftModifier, QPoint(103, yOf(64)));
        QCOMPARE(r.lane.selection(), (std::set<int>{0, 2}));
        QTest::keyClick(&r.lane, Qt::Key_Delete);
        // THEN only the middle note is left
        QCOMPARE(f.notes(), (std::vector<MidiNote>{note(62, 960, 240)}));
        // WHEN undone THEN the session is byte for byte restored
        f.session.undoStack()->undo();
        QCOMPARE(f.bytes(), before);
    }

    void rubberBandSelectsAndKeysCopyPasteDuplicate()
    {
        // GIVEN notes at beats 0, 1 and 3
        PianoRollFixture f({note(60, 0, 240), note(62, 960, 240), note(64, 2880, 240)});
        Roll r(f);
        // WHEN a band is dragged over the first two
        QTest::mousePress(&r.lane, Qt::LeftButton, {}, QPoint(1, 1));
        QTest::mouseMove(&r.lane, QPoint(80, 200));
        QTest::mouseRelease(&r.lane, Qt::LeftButton, {}, QPoint(80, 200));
        QCOMPARE(r.lane.selection(), (std::set<int>{0, 1}));
        // AND Ctrl+D duplicates them right after themselves (their span ends at tick 1200)
        QTest::keyClick(&r.lane, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(f.notes().size(), std::size_t(5));
        QCOMPARE(f.notes()[3], note(60, 1200, 240));
        QCOMPARE(f.notes()[4], note(62, 2160, 240));
        QCOMPARE(r.lane.selection(), (std::set<int>{3, 4}));
        // AND Ctrl+C then Ctrl+V with the playhead at 3 s pastes at tick 5760
        QTest::keyClick(&r.lane, Qt::Key_C, Qt::ControlModifier);
        r.lane.setPlayheadSeconds(3.0);
        QTest::keyClick(&r.lane, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(f.notes().size(), std::size_t(7));
        QCOMPARE(f.notes()[5], note(60, 5760, 240));
        QCOMPARE(f.notes()[6], note(62, 6720, 240));
        // AND Up transposes the selection (the pasted notes) by a semitone, Shift+Down an octave
        QTest::keyClick(&r.lane, Qt::Key_Up);
        QTest::keyClick(&r.lane, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(f.notes()[5].pitch, 49);
        // AND Right nudges it a sixteenth later, Left back
        QTest::keyClick(&r.lane, Qt::Key_Right);
        QCOMPARE(f.notes()[5].start, std::int64_t(5760 + 240));
        QTest::keyClick(&r.lane, Qt::Key_Left);
        QCOMPARE(f.notes()[5].start, std::int64_t(5760));
        // AND Ctrl+A selects every note
        QTest::keyClick(&r.lane, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(r.lane.selection().size(), std::size_t(7));
    }

    void quantizeStraightAndTriplet_data()
    {
        QTest::addColumn<int>("grid");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("1/16") << int(SnapGrid::Sixteenth) << qint64(1200);
        QTest::newRow("1/8 triplet") << int(SnapGrid::EighthTriplet) << qint64(960);
        QTest::newRow("1/32") << int(SnapGrid::ThirtySecond) << qint64(1080);
        QTest::newRow("1/4") << int(SnapGrid::Quarter) << qint64(960);
    }
    void quantizeStraightAndTriplet()
    {
        QFETCH(int, grid);
        QFETCH(qint64, expected);
        // GIVEN a note played late at tick 1100 and nothing selected
        PianoRollFixture f({note(60, 1100, 200)});
        Roll r(f);
        r.lane.setSnapGrid(SnapGrid(grid));
        // WHEN Q is pressed
        QTest::keyClick(&r.lane, Qt::Key_Q);
        // THEN its start moved to the nearest grid line, its length kept
        QCOMPARE(f.notes()[0].start, std::int64_t(expected));
        QCOMPARE(f.notes()[0].length, std::int64_t(200));
    }

    void paintingVisitsOnlyVisibleNotes()
    {
        // GIVEN 64 sixteenth notes over 8 s, of which 4 s show in a 400 px lane
        std::vector<MidiNote> many;
        for (int i = 0; i < 64; ++i)
            many.push_back(note(48 + i % 24, i * 240, 240));
        PianoRollFixture f(many);
        Roll r(f);
        r.lane.resize(400, 240);
        // WHEN painted
        r.lane.grab();
        // THEN only the notes under the 4 s view were drawn (32 sixteenths at 120 bpm, +1 at the edge)
        QVERIFY2(r.lane.paintedNotes() >= 32 && r.lane.paintedNotes() <= 33,
                 qPrintable(QString::number(r.lane.paintedNotes())));
    }

    void liveNotesAreDrawn()
    {
        // GIVEN a take in progress with one held and one finished note
        PianoRollFixture f;
        Roll r(f);
        r.lane.setLiveNotes({{60, 100, 0, 0, 24000}, {64, 100, 0, 24000, -1}});
        // WHEN painted THEN the finished note's rows show the recording colour
        const QImage image = r.lane.grab().toImage();
        const QColor c = image.pixelColor(20, yOf(60));
        QVERIFY2(c.red() > 150 && c.green() < 120, qPrintable(c.name()));
    }

    void velocityLaneDragSetsVelocityInOneStep()
    {
        // GIVEN an editor with two notes, both selected
        PianoRollFixture f({note(60, 960, 240, 80), note(62, 1920, 240, 90)});
        PianoRollEditor editor(&f.axis, &f.session, f.track);
        editor.resize(900, 400);
        editor.roll()->selectAll();
        VelocityLane *v = editor.velocityLane();
        const int steps = f.session.undoStack()->count();
        // WHEN the first stem is dragged to the top
        QTest::mousePress(v, Qt::LeftButton, {}, QPoint(50, v->height() / 2));
        QTest::mouseMove(v, QPoint(50, 0));
        QTest::mouseRelease(v, Qt::LeftButton, {}, QPoint(50, 0));
        // THEN both selected notes have velocity 127, as one undo step
        QCOMPARE(f.notes()[0].velocity, 127);
        QCOMPARE(f.notes()[1].velocity, 127);
        QCOMPARE(f.session.undoStack()->count(), steps + 1);
    }

    void keyboardAuditionsAndSnapBoxSetsTheGrid()
    {
        // GIVEN an editor on synth channel 3
        PianoRollFixture f;
        PianoRollEditor editor(&f.axis, &f.session, f.track);
        editor.setMidiSink(f.sink());
        editor.setAuditionChannel(3);
        editor.resize(900, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        PianoRollLane *roll = editor.roll();
        const int y = int(roll->yForPitch(60) + roll->rowHeight() / 2);
        // WHEN key C4 (60) is pressed and released
        QTest::mousePress(editor.keyboard(), Qt::LeftButton, {}, QPoint(40, y));
        QCOMPARE(editor.keyboard()->heldKey(), 60);
        QTest::mouseRelease(editor.keyboard(), Qt::LeftButton, {}, QPoint(40, y));
        // THEN note-on and note-off went out on channel 3
        QCOMPARE(f.sent, (std::vector<std::uint8_t>{0x93, 60, 100, 0x83, 60, 0}));
        // AND choosing 1/8 T in the snap box sets the roll's grid
        editor.snapBox()->setCurrentIndex(editor.snapBox()->findText(QStringLiteral("1/8 T")));
        QCOMPARE(roll->snapGrid(), SnapGrid::EighthTriplet);
    }
};

QTEST_MAIN(TstPianoRoll)
#include "tst_pianoroll.moc"
