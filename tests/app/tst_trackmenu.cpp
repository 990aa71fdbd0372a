// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mainwindow.h"
#include "app/gui/playbackcontroller.h"
#include "app/gui/trackmenu.h"
#include "core/session/session.h"
#include "widgets/timelineview.h"
#include "widgets/trackheader.h"

#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace mirstudio;

/** Track header context menus and the MIDI connections they lead to. */
class TestTrackMenu : public QObject
{
    Q_OBJECT
private:
    static const Track *firstOf(const Session &s, Track::Kind kind)
    {
        for (const Track &t : s.tracks())
            if (t.kind == kind)
                return &t;
        return nullptr;
    }
    static QAction *actionNamed(QMenu *menu, const QString &text)
    {
        for (QAction *a : menu->actions()) {
            if (a->text().remove(QLatin1Char('&')) == text)
                return a;
            if (a->menu())
                if (QAction *inner = actionNamed(a->menu(), text))
                    return inner;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MIR Studio tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_trackmenu"));
        QSettings().clear();
    }

    void audioTracksOfferSeparate()
    {
        // GIVEN the demo and its headers, which open a context menu
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        for (widgets::TrackHeader *h : w.timeline()->headers())
            QCOMPARE(h->contextMenuPolicy(), Qt::CustomContextMenu);
        const Track *audio = firstOf(*w.session(), Track::Kind::Audio);
        QVERIFY(audio);
        // WHEN "Separate..." is chosen in an audio track's menu
        QSignalSpy spy(w.trackMenu(), &TrackMenu::separateRequested);
        QMenu *menu = w.trackMenu()->menuFor(audio->id, &w);
        QAction *separate = actionNamed(menu, QStringLiteral("Separate..."));
        QVERIFY(separate);
        w.trackMenu()->disconnect(&w); // no dialog in the test: only the request is checked
        separate->trigger();
        // THEN the window is asked to separate that track
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.front().front().value<TrackId>(), audio->id);
    }

    void midiTracksChooseTheirOutputAndThePlanRoutesThere()
    {
        // GIVEN the demo, a MIDI track, and one MIDI output port on offer
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const Track *midi = firstOf(*w.session(), Track::Kind::Midi);
        QVERIFY(midi);
        const TrackId id = midi->id;
        const QString port = QStringLiteral("nowhere:midi_in");
        w.trackMenu()->setOutputPortSource([port] { return QStringList{port}; });
        // WHEN the port is chosen in the track's MIDI Output menu
        QMenu *menu = w.trackMenu()->menuFor(id, &w);
        QAction *choice = actionNamed(menu, port);
        QVERIFY(choice);
        QVERIFY(actionNamed(menu, QStringLiteral("Built-in synth"))->isChecked());
        choice->trigger();
        // THEN the track is routed there (one undo step) and the plan sends it to that output
        QCOMPARE(w.session()->track(id)->midiOutput, port);
        const auto plan = w.playback()->currentPlan();
        QVERIFY(plan);
        QCOMPARE(int(plan->midiOutputs.size()), 1);
        QCOMPARE(QString::fromStdString(plan->midiOutputs.front()), port);
        QCOMPARE(plan->tracks[size_t(w.session()->trackIndex(id))].synthChannel, -1);
        // AND the status bar says what became of the output (a port that is not there is reported)
        QVERIFY2(w.midiStatusText().contains(QStringLiteral("MIDI out")), qPrintable(w.midiStatusText()));
        // AND the menu shows the choice; undo puts the synth back
        QVERIFY(actionNamed(w.trackMenu()->menuFor(id, &w), port)->isChecked());
        w.session()->undoStack()->undo();
        QVERIFY(w.session()->track(id)->midiOutput.isEmpty());
    }

    void aMissingMidiInputIsReportedNotFatal()
    {
        // GIVEN the window WHEN the preferred MIDI input is a port that does not exist
        MainWindow w;
        w.setInteractive(false);
        const bool ok = w.playback()->setMidiInput(QStringLiteral("no such port:out"));
        // THEN it is not connected and the status bar says so
        QVERIFY(!ok);
        QVERIFY2(w.midiStatusText().contains(QStringLiteral("not connected")), qPrintable(w.midiStatusText()));
        // AND choosing none is a quiet normal state
        QVERIFY(w.playback()->setMidiInput(QString()));
        QVERIFY2(w.midiStatusText().contains(QStringLiteral("none")), qPrintable(w.midiStatusText()));
    }
};

QTEST_MAIN(TestTrackMenu)
#include "tst_trackmenu.moc"
