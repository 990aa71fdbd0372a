// SPDX-License-Identifier: GPL-3.0-or-later
// Every session command: apply, check the state, undo restores the exact document (compared as
// serialised JSON), redo restores the edited one; drags merge; macros are one step.
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addstemgroupcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/clipgeometrycommand.h"
#include "core/session/moveclipcommand.h"
#include "core/session/movetrackcommand.h"
#include "core/session/removeclipcommand.h"
#include "core/session/removetrackcommand.h"
#include "core/session/renamesessioncommand.h"
#include "core/session/session.h"
#include "core/session/setannotationitemscommand.h"
#include "core/session/setloopcommand.h"
#include "core/session/setnotescommand.h"
#include "core/session/settempomapcommand.h"
#include "core/session/stemlanecommand.h"
#include "core/session/trackpropertycommand.h"

#include <QColor>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace mirstudio;

namespace {

QByteArray snapshot(const Session &s)
{
    return QJsonDocument(s.toJson(QDir(QStringLiteral("/media-base")))).toJson(QJsonDocument::Compact);
}

struct Fixture
{
    Session session;
    SourceId audioSource;
    SourceId stemSource;
    TrackId audio;
    TrackId midi;
    TrackId stems;
    TrackId notes;
    ClipId audioClip;
    ClipId midiClip;

    Fixture()
    {
        MediaSource a;
        a.path = QStringLiteral("/media-base/audio/take1.wav");
        a.frames = 480000;
        auto *addA = new AddSourceCommand(&session, a);
        audioSource = addA->sourceId();
        session.push(addA);

        Track t;
        t.kind = Track::Kind::Audio;
        t.name = QStringLiteral("Guitar");
        auto *addT = new AddTrackCommand(&session, t);
        audio = addT->trackId();
        session.push(addT);

        Track m;
        m.kind = Track::Kind::Midi;
        m.name = QStringLiteral("Piano");
        auto *addM = new AddTrackCommand(&session, m);
        midi = addM->trackId();
        session.push(addM);

        Track n;
        n.kind = Track::Kind::Annotation;
        n.name = QStringLiteral("Chords");
        auto *addN = new AddTrackCommand(&session, n);
        notes = addN->trackId();
        session.push(addN);
        session.push(SetAnnotationItemsCommand::addItem(
            &session, notes, {AnnotationItem::Kind::Label, 0, 0, QStringLiteral("C"), 0.0}));

        Clip c;
        c.source = audioSource;
        c.start = 1000;
        c.length = 48000;
        auto *addC = new AddClipCommand(&session, audio, c);
        audioClip = addC->clipId();
        session.push(addC);

        Clip mc;
        mc.length = 96000;
        mc.notes = {{60, 100, 0, 480, 0}, {64, 90, 480, 480, 0}};
        auto *addMc = new AddClipCommand(&session, midi, mc);
        midiClip = addMc->clipId();
        session.push(addMc);

        MediaSource vocals;
        vocals.path = QStringLiteral("/media-base/stems/vocals.wav");
        auto *addS = new AddStemGroupCommand(&session, QStringLiteral("Stems"),
                                             {{QStringLiteral("vocals"), vocals}});
        stems = addS->trackId();
        session.push(addS);
        stemSource = session.track(stems)->stems.at(0).source;

        session.undoStack()->clear();
    }
};

} // namespace

class TestSessionCommands : public QObject
{
    Q_OBJECT

private:
    /** Pushes `command`, checks `state`, undo == before, redo == after, undo/redo again. */
    void roundTrip(Fixture &f, QUndoCommand *command, const std::function<void()> &state)
    {
        const QByteArray before = snapshot(f.session);
        const int steps = f.session.undoStack()->count();
        f.session.push(command);
        const QByteArray after = snapshot(f.session);
        QVERIFY2(after != before, "the command changed nothing");
        QCOMPARE(f.session.undoStack()->count(), steps + 1);
        state();
        f.session.undoStack()->undo();
        QCOMPARE(snapshot(f.session), before);
        f.session.undoStack()->redo();
        QCOMPARE(snapshot(f.session), after);
        state();
        f.session.undoStack()->undo();
        QCOMPARE(snapshot(f.session), before);
        f.session.undoStack()->redo();
        QCOMPARE(snapshot(f.session), after);
    }

private Q_SLOTS:
    void addTrack()
    {
        // GIVEN a populated session WHEN a MIDI track is added at index 1
        Fixture f;
        Track t;
        t.kind = Track::Kind::Midi;
        t.name = QStringLiteral("Bass");
        auto *cmd = new AddTrackCommand(&f.session, t, 1);
        const TrackId id = cmd->trackId();
        QSignalSpy added(&f.session, &Session::trackAdded);
        // THEN it is at index 1, and undo/redo restore the exact documents
        roundTrip(f, cmd, [&] {
            QCOMPARE(f.session.trackIndex(id), 1);
            QCOMPARE(f.session.track(id)->name, QStringLiteral("Bass"));
            QCOMPARE(f.session.trackCount(), 5);
        });
        QCOMPARE(added.count(), 3);
    }

    void removeTrack()
    {
        // GIVEN a track with a clip WHEN it is removed THEN it and its clip are gone, undo
        // puts it back at the same index
        Fixture f;
        const int index = f.session.trackIndex(f.audio);
        roundTrip(f, new RemoveTrackCommand(&f.session, f.audio), [&] {
            QVERIFY(!f.session.track(f.audio));
            QCOMPARE(f.session.trackCount(), 3);
        });
        f.session.undoStack()->undo();
        QCOMPARE(f.session.trackIndex(f.audio), index);
        QVERIFY(f.session.clip(f.audio, f.audioClip));
    }

    void moveTrack()
    {
        // GIVEN the first track WHEN it is moved to the end THEN it is last
        Fixture f;
        roundTrip(f, new MoveTrackCommand(&f.session, f.audio, 3), [&] {
            QCOMPARE(f.session.trackIndex(f.audio), 3);
        });
    }

    void trackProperties_data()
    {
        QTest::addColumn<int>("property");
        QTest::addColumn<QVariant>("value");
        using P = TrackPropertyCommand::Property;
        QTest::addRow("name") << int(P::Name) << QVariant(QStringLiteral("Lead guitar"));
        QTest::addRow("gain") << int(P::GainDb) << QVariant(-6.5);
        QTest::addRow("pan") << int(P::Pan) << QVariant(0.25);
        QTest::addRow("mute") << int(P::Mute) << QVariant(true);
        QTest::addRow("solo") << int(P::Solo) << QVariant(true);
        QTest::addRow("arm") << int(P::RecordArm) << QVariant(true);
        QTest::addRow("colour") << int(P::Colour) << QVariant(QColor(Qt::red));
    }

    void trackProperties()
    {
        // GIVEN a track WHEN one property is set THEN it reads back, undo/redo are exact
        QFETCH(int, property);
        QFETCH(QVariant, value);
        Fixture f;
        const auto p = TrackPropertyCommand::Property(property);
        QSignalSpy changed(&f.session, &Session::trackChanged);
        roundTrip(f, new TrackPropertyCommand(&f.session, f.midi, p, value), [&] {
            QCOMPARE(TrackPropertyCommand::value(f.session, f.midi, p), value);
        });
        QVERIFY(changed.count() >= 1);
        QCOMPARE(changed.first().first().value<TrackId>(), f.midi);
    }

    void addAndRemoveClip()
    {
        // GIVEN an audio track WHEN a clip is added THEN it is there; WHEN removed THEN gone
        Fixture f;
        Clip c;
        c.source = f.audioSource;
        c.start = 96000;
        c.length = 1000;
        auto *add = new AddClipCommand(&f.session, f.audio, c);
        const ClipId id = add->clipId();
        roundTrip(f, add, [&] {
            QVERIFY(f.session.clip(f.audio, id));
            QCOMPARE(f.session.clip(f.audio, id)->start, 96000);
        });
        roundTrip(f, new RemoveClipCommand(&f.session, f.audio, f.audioClip), [&] {
            QVERIFY(!f.session.clip(f.audio, f.audioClip));
            QCOMPARE(f.session.track(f.audio)->clips.size(), std::size_t(1));
        });
    }

    void moveTrimAndGainClip()
    {
        // GIVEN a clip WHEN moved, trimmed and its gain set THEN each reads back and undoes
        Fixture f;
        roundTrip(f, ClipGeometryCommand::move(&f.session, f.audio, f.audioClip, 5000), [&] {
            QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, 5000);
        });
        roundTrip(f, ClipGeometryCommand::trim(&f.session, f.audio, f.audioClip, 6000, 1000, 47000),
                  [&] {
                      const Clip *c = f.session.clip(f.audio, f.audioClip);
                      QCOMPARE(c->start, 6000);
                      QCOMPARE(c->offset, 1000);
                      QCOMPARE(c->length, 47000);
                  });
        roundTrip(f, ClipGeometryCommand::setGain(&f.session, f.audio, f.audioClip, -3.0), [&] {
            QCOMPARE(f.session.clip(f.audio, f.audioClip)->gainDb, -3.0);
        });
    }

    void moveClipToAnotherTrack()
    {
        // GIVEN an audio clip WHEN it is moved to the MIDI track at frame 777 THEN it is there,
        // and undo puts it back on its track at its old start
        Fixture f;
        roundTrip(f, new MoveClipCommand(&f.session, f.audio, f.audioClip, f.midi, 777), [&] {
            QVERIFY(!f.session.clip(f.audio, f.audioClip));
            QCOMPARE(f.session.clip(f.midi, f.audioClip)->start, 777);
            QCOMPARE(f.session.track(f.midi)->clips.size(), std::size_t(2));
        });
        f.session.undoStack()->undo();
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, 1000);
    }

    void midiNotes()
    {
        // GIVEN a MIDI clip with two notes WHEN notes are added, edited, removed THEN the
        // note list follows and each edit undoes exactly
        Fixture f;
        roundTrip(f, SetNotesCommand::addNotes(&f.session, f.midi, f.midiClip, {{67, 80, 960, 240, 0}}),
                  [&] {
                      QCOMPARE(f.session.clip(f.midi, f.midiClip)->notes.size(), std::size_t(3));
                      QCOMPARE(f.session.clip(f.midi, f.midiClip)->notes.back().pitch, 67);
                  });
        roundTrip(f, SetNotesCommand::editNote(&f.session, f.midi, f.midiClip, 0, {61, 127, 10, 20, 1}),
                  [&] { QCOMPARE(f.session.clip(f.midi, f.midiClip)->notes.front().pitch, 61); });
        roundTrip(f, SetNotesCommand::removeNotes(&f.session, f.midi, f.midiClip, {0, 2, 99}), [&] {
            const auto &notes = f.session.clip(f.midi, f.midiClip)->notes;
            QCOMPARE(notes.size(), std::size_t(1));
            QCOMPARE(notes.front().pitch, 64);
        });
    }

    void tempoAndTimeSignature()
    {
        // GIVEN the default tempo map WHEN a tempo change and a 3/4 signature are set
        // THEN the map says so and undo restores 120 bpm 4/4
        Fixture f;
        QSignalSpy tempo(&f.session, &Session::tempoChanged);
        roundTrip(f, SetTempoMapCommand::setTempo(&f.session, {1920, 400000.0}), [&] {
            QCOMPARE(f.session.tempoMap().bpmAt(2000), 150.0);
        });
        roundTrip(f, SetTempoMapCommand::setTimeSignature(&f.session, {0, 3, 4}), [&] {
            QCOMPARE(f.session.tempoMap().timeSignatureAt(0).numerator, 3);
        });
        QVERIFY(tempo.count() >= 2);
    }

    void loop()
    {
        // GIVEN no loop WHEN a loop is set THEN it reads back
        Fixture f;
        roundTrip(f, new SetLoopCommand(&f.session, {48000, 96000, true}), [&] {
            QCOMPARE(f.session.loop(), (LoopRange{48000, 96000, true}));
        });
    }

    void addSource()
    {
        // GIVEN a pool WHEN a MIDI source is added THEN it is in the pool
        Fixture f;
        MediaSource s;
        s.kind = MediaSource::Kind::Midi;
        s.path = QStringLiteral("/media-base/song.mid");
        auto *cmd = new AddSourceCommand(&f.session, s);
        const SourceId id = cmd->sourceId();
        roundTrip(f, cmd, [&] {
            QVERIFY(f.session.mediaPool().contains(id));
            QCOMPARE(f.session.mediaPool().source(id)->kind, MediaSource::Kind::Midi);
        });
    }

    void addStemGroup()
    {
        // GIVEN separated stems WHEN added as a group THEN one step adds the sources and a
        // StemGroup track whose lanes refer to them
        Fixture f;
        MediaSource d, b;
        d.path = QStringLiteral("/media-base/stems/drums.wav");
        b.path = QStringLiteral("/media-base/stems/bass.wav");
        Provenance p{QStringLiteral("spleeter"), QStringLiteral("1.0"), QStringLiteral("separate"),
                     QJsonObject{{QStringLiteral("stems"), 2}}, {f.audioSource},
                     QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC)};
        auto *cmd = new AddStemGroupCommand(&f.session, QStringLiteral("Separated"),
                                            {{QStringLiteral("drums"), d}, {QStringLiteral("bass"), b}}, p);
        const TrackId id = cmd->trackId();
        roundTrip(f, cmd, [&] {
            const Track *t = f.session.track(id);
            QVERIFY(t);
            QCOMPARE(t->kind, Track::Kind::StemGroup);
            QCOMPARE(t->stems.size(), std::size_t(2));
            QCOMPARE(t->stems[1].name, QStringLiteral("bass"));
            QVERIFY(f.session.mediaPool().contains(t->stems[0].source));
            QCOMPARE(f.session.mediaPool().size(), 4);
            QCOMPARE(t->provenance->plugin, QStringLiteral("spleeter"));
        });
    }

    void stemLane()
    {
        // GIVEN a stem group WHEN a lane is muted with new gain THEN the lane says so
        Fixture f;
        StemLane lane = f.session.track(f.stems)->stems[0];
        lane.mute = true;
        lane.gainDb = -12.0;
        roundTrip(f, new StemLaneCommand(&f.session, f.stems, 0, lane), [&] {
            QCOMPARE(f.session.track(f.stems)->stems[0].mute, true);
            QCOMPARE(f.session.track(f.stems)->stems[0].gainDb, -12.0);
            QCOMPARE(f.session.track(f.stems)->stems[0].source, f.stemSource);
        });
    }

    void annotations()
    {
        // GIVEN an annotation track with one label WHEN a region is added, the label edited and
        // then removed THEN the items follow
        Fixture f;
        roundTrip(f, SetAnnotationItemsCommand::addItem(&f.session, f.notes,
                      {AnnotationItem::Kind::Region, 100, 50, QStringLiteral("verse"), 0.0}),
                  [&] { QCOMPARE(f.session.track(f.notes)->items.size(), std::size_t(2)); });
        roundTrip(f, SetAnnotationItemsCommand::editItem(&f.session, f.notes, 0,
                      {AnnotationItem::Kind::Value, 7, 0, QString(), 440.0}),
                  [&] { QCOMPARE(f.session.track(f.notes)->items[0].value, 440.0); });
        roundTrip(f, SetAnnotationItemsCommand::removeItem(&f.session, f.notes, 0), [&] {
            QCOMPARE(f.session.track(f.notes)->items.size(), std::size_t(1));
            QCOMPARE(f.session.track(f.notes)->items[0].text, QStringLiteral("verse"));
        });
    }

    void renameSession()
    {
        // GIVEN an unnamed session WHEN renamed THEN the name changes and undoes
        Fixture f;
        QSignalSpy spy(&f.session, &Session::nameChanged);
        roundTrip(f, new RenameSessionCommand(&f.session, QStringLiteral("Demo")), [&] {
            QCOMPARE(f.session.name(), QStringLiteral("Demo"));
        });
        QCOMPARE(spy.first().first().toString(), QStringLiteral("Demo"));
    }

    void gainDragMergesIntoOneStep()
    {
        // GIVEN a track at 0 dB WHEN 20 gain changes are pushed (a fader drag)
        Fixture f;
        const QByteArray before = snapshot(f.session);
        for (int i = 1; i <= 20; ++i)
            f.session.push(new TrackPropertyCommand(&f.session, f.audio,
                                                    TrackPropertyCommand::Property::GainDb, -0.5 * i));
        // THEN they are one undo step that goes back to 0 dB, and redo gives -10 dB
        QCOMPARE(f.session.undoStack()->count(), 1);
        QCOMPARE(f.session.track(f.audio)->gainDb, -10.0);
        f.session.undoStack()->undo();
        QCOMPARE(f.session.track(f.audio)->gainDb, 0.0);
        QCOMPARE(snapshot(f.session), before);
        f.session.undoStack()->redo();
        QCOMPARE(f.session.track(f.audio)->gainDb, -10.0);

        // AND a gain change of another track is a separate step
        f.session.push(new TrackPropertyCommand(&f.session, f.midi,
                                                TrackPropertyCommand::Property::GainDb, -1.0));
        QCOMPARE(f.session.undoStack()->count(), 2);
    }

    void clipDragMergesIntoOneStep()
    {
        // GIVEN a clip WHEN dragged through 10 positions THEN one undo step restores it
        Fixture f;
        for (int i = 1; i <= 10; ++i)
            f.session.push(ClipGeometryCommand::move(&f.session, f.audio, f.audioClip, 1000 + 100 * i));
        QCOMPARE(f.session.undoStack()->count(), 1);
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, 2000);
        f.session.undoStack()->undo();
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, 1000);
    }

    void macroIsOneStep()
    {
        // GIVEN a session WHEN several edits are made inside a Session::Macro
        Fixture f;
        const QByteArray before = snapshot(f.session);
        {
            Session::Macro macro(f.session, QStringLiteral("Arrange"));
            f.session.push(new RenameSessionCommand(&f.session, QStringLiteral("Arranged")));
            f.session.push(new MoveTrackCommand(&f.session, f.audio, 2));
            f.session.push(new RemoveClipCommand(&f.session, f.midi, f.midiClip));
        }
        const QByteArray after = snapshot(f.session);
        // THEN one undo step reverts all of them and redo re-applies all of them
        QCOMPARE(f.session.undoStack()->count(), 1);
        QCOMPARE(f.session.undoStack()->text(0), QStringLiteral("Arrange"));
        f.session.undoStack()->undo();
        QCOMPARE(snapshot(f.session), before);
        f.session.undoStack()->redo();
        QCOMPARE(snapshot(f.session), after);
        QCOMPARE(f.session.name(), QStringLiteral("Arranged"));
    }

    void commandsOnMissingTargetsDoNothing()
    {
        // GIVEN ids that are not in the session WHEN commands target them THEN nothing changes
        // and nothing crashes
        Fixture f;
        const QByteArray before = snapshot(f.session);
        const TrackId ghost = TrackId::create();
        f.session.push(new RemoveTrackCommand(&f.session, ghost));
        f.session.push(new TrackPropertyCommand(&f.session, ghost,
                                                TrackPropertyCommand::Property::Mute, true));
        f.session.push(ClipGeometryCommand::move(&f.session, f.audio, ClipId::create(), 5));
        f.session.push(new StemLaneCommand(&f.session, f.stems, 7, StemLane{}));
        f.session.push(new MoveClipCommand(&f.session, f.audio, f.audioClip, ghost, 0));
        QCOMPARE(snapshot(f.session), before);
        while (f.session.undoStack()->canUndo())
            f.session.undoStack()->undo();
        QCOMPARE(snapshot(f.session), before);
    }
};

QTEST_GUILESS_MAIN(TestSessionCommands)
#include "tst_sessioncommands.moc"
