// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofilewriter.h"
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/peakcache.h"
#include "widgets/spectrogramlane.h"
#include "widgets/timeaxis.h"
#include "widgets/waveformlane.h"
#include "widgets/timelineview.h"
#include "widgets/timeruler.h"
#include "widgets/trackheader.h"

#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

/** A session with an audio track (a 4-s 440 Hz tone at 0.8), a MIDI track and an annotation track. */
struct Fixture
{
    QTemporaryDir dir;
    Session session;
    TrackId audio, midi, notes;
    ClipId audioClip;

    QString tone() const { return dir.filePath(QStringLiteral("tone.wav")); }

    Fixture()
    {
        const QString wav = dir.filePath(QStringLiteral("tone.wav"));
        auto tone = media::AudioData::silence(1, 4 * 48000, 48000);
        for (std::size_t i = 0; i < tone.channels[0].size(); ++i)
            tone.channels[0][i] = 0.8f * float(std::sin(2 * M_PI * 440.0 * double(i) / 48000.0));
        media::writeAudio(wav, tone, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
        MediaSource src;
        src.id = SourceId::create();
        src.path = wav;
        src.sampleRate = 48000;
        src.channels = 1;
        src.frames = tone.frames();
        session.push(new AddSourceCommand(&session, src));
        Track a;
        a.id = audio = TrackId::create();
        a.name = QStringLiteral("Tone");
        session.push(new AddTrackCommand(&session, a));
        Clip c;
        c.id = audioClip = ClipId::create();
        c.source = src.id;
        c.start = 48000;
        c.length = tone.frames();
        session.push(new AddClipCommand(&session, audio, c));
        Track m;
        m.id = midi = TrackId::create();
        m.kind = Track::Kind::Midi;
        m.name = QStringLiteral("Keys");
        Clip mc;
        mc.id = ClipId::create();
        mc.length = 2 * 48000;
        mc.notes = {{60, 100, 0, 480, 0}, {64, 100, 960, 480, 0}};
        m.clips.push_back(mc);
        session.push(new AddTrackCommand(&session, m));
        Track n;
        n.id = notes = TrackId::create();
        n.kind = Track::Kind::Annotation;
        n.name = QStringLiteral("Chords");
        n.items = {{AnnotationItem::Kind::Label, 0, 0, QStringLiteral("C"), 0.0}};
        session.push(new AddTrackCommand(&session, n));
    }
};

int xIn(QWidget *w, QWidget *top, double x)
{
    return w->mapTo(top, QPoint(int(std::floor(x)), 0)).x();
}

} // namespace

class TstTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void zoomKeepsLanesAndRulerAligned()
    {
        // GIVEN a timeline on a session with three tracks
        Fixture f;
        TimelineView view(&f.session);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.lanes().size(), 3);
        // WHEN zooming in twice around x = 200 and scrolling
        view.axis()->zoomAround(200, 3.0);
        view.axis()->scrollBy(37);
        QCoreApplication::processEvents();
        // THEN every lane and the ruler start at the same window x, so one time maps to one x
        const int ref = xIn(view.ruler(), &view, 0);
        for (Lane *lane : view.lanes())
            QCOMPARE(xIn(lane, &view, 0), ref);
        // AND each bar tick of the ruler sits where the lanes draw that bar's time
        const auto ticks = view.ruler()->barTicks();
        QVERIFY(ticks.size() >= 2);
        const auto &map = f.session.tempoMap();
        for (const auto &[bar, x] : ticks) {
            const double s = map.secondsAt(double(map.tickOfBar(bar)));
            for (Lane *lane : view.lanes())
                QCOMPARE(xIn(lane, &view, lane->axis()->xForSeconds(s)), xIn(view.ruler(), &view, x));
        }
        // AND the scroll bar follows the axis
        const double left = view.axis()->leftSeconds();
        QVERIFY(left > 0);
    }

    void waveformIsDrawnOnceThePeaksArrive()
    {
        // GIVEN a timeline showing the audio clip
        Fixture f;
        TimelineView view(&f.session);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.axis()->showRange(0, 6);
        Lane *lane = view.laneFor(f.audio);
        QVERIFY(lane);
        lane->grab(); // queues the peak build
        view.peakCache()->waitForAll();
        QVERIFY(view.peakCache()->peaks(f.tone()) != nullptr);
        // WHEN the lane is painted
        const QImage img = lane->grab().toImage();
        // THEN inside the clip (1 s..5 s) the column spans about 0.8 of the half height each way,
        // and before the clip there is no waveform
        const int x = int(view.axis()->xForSeconds(3.0));
        int lit = 0;
        const QColor bg = img.pixelColor(x, 1);
        for (int y = 0; y < img.height(); ++y)
            lit += img.pixelColor(x, y) != bg;
        QVERIFY2(lit > img.height() * 0.6, qPrintable(QString::number(lit)));
        const int before = int(view.axis()->xForSeconds(0.5));
        QCOMPARE(img.pixelColor(before, img.height() / 2), img.pixelColor(before, 2));
    }

    void headerEditsAreUndoable()
    {
        // GIVEN the header of the audio track
        Fixture f;
        TimelineView view(&f.session);
        TrackHeader *h = view.headers().front();
        QCOMPARE(h->trackId(), f.audio);
        QVERIFY(!h->armButton()->isVisibleTo(&view));
        // WHEN mute is clicked and the fader moved
        h->muteButton()->click();
        h->gainSlider()->setValue(-60);
        // THEN the session changed through commands
        QVERIFY(f.session.track(f.audio)->mute);
        QCOMPARE(f.session.track(f.audio)->gainDb, -6.0);
        // WHEN undoing twice THEN both are back and the header shows it
        f.session.undoStack()->undo();
        f.session.undoStack()->undo();
        QVERIFY(!f.session.track(f.audio)->mute);
        QCOMPARE(f.session.track(f.audio)->gainDb, 0.0);
        QVERIFY(!h->muteButton()->isChecked());
        QCOMPARE(h->gainSlider()->value(), 0);
    }

    void clickSelectsAndClipEditsAreUndoable()
    {
        // GIVEN a timeline at 100 px/s
        Fixture f;
        TimelineView view(&f.session);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.axis()->setPixelsPerSecond(100);
        view.axis()->setLeftSeconds(0);
        Lane *lane = view.laneFor(f.audio);
        // WHEN clicking inside the audio clip (2 s)
        QTest::mouseClick(lane, Qt::LeftButton, {}, QPoint(200, 20));
        // THEN it is selected
        QCOMPARE(view.selection().size(), std::size_t(1));
        QCOMPARE(view.selection().front().clip, f.audioClip);
        QVERIFY(lane->isSelected(f.audioClip));
        // WHEN duplicating THEN a copy starts where the clip ends (5 s)
        view.duplicateSelection();
        const Track *t = f.session.track(f.audio);
        QCOMPARE(t->clips.size(), std::size_t(2));
        QCOMPARE(t->clips[1].start, std::int64_t(5 * 48000));
        QCOMPARE(t->clips[1].source, t->clips[0].source);
        // WHEN selecting all and deleting THEN every clip is gone, one undo brings all back
        view.selectAll();
        QCOMPARE(view.selection().size(), std::size_t(3));
        view.deleteSelection();
        QVERIFY(f.session.track(f.audio)->clips.empty());
        QVERIFY(f.session.track(f.midi)->clips.empty());
        f.session.undoStack()->undo();
        QCOMPARE(f.session.track(f.audio)->clips.size(), std::size_t(2));
        QCOMPARE(f.session.track(f.midi)->clips.size(), std::size_t(1));
        // WHEN copying the MIDI clip and pasting at the playhead (3 s)
        view.setSelection({{f.midi, f.session.track(f.midi)->clips[0].id}});
        view.copySelection();
        view.setPlayheadSeconds(3.0);
        view.paste();
        // THEN the copy has new id, same notes, at 3 s
        const auto &clips = f.session.track(f.midi)->clips;
        QCOMPARE(clips.size(), std::size_t(2));
        QCOMPARE(clips[1].start, std::int64_t(3 * 48000));
        QCOMPARE(clips[1].notes, clips[0].notes);
        QVERIFY(clips[1].id != clips[0].id);
        // WHEN clicking an empty area THEN the selection clears and a seek is asked for
        QSignalSpy seek(&view, &TimelineView::seekRequested);
        QTest::mouseClick(lane, Qt::LeftButton, {}, QPoint(50, 20));
        QVERIFY(view.selection().empty());
        QCOMPARE(seek.count(), 1);
        QCOMPARE(seek.front().front().toDouble(), 0.5);
    }

    void draggingAClipMovesItOnTheGrid()
    {
        // GIVEN the audio clip at 1 s, 100 px/s, snapping to beats (0.5 s at 120 bpm)
        Fixture f;
        TimelineView view(&f.session);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.axis()->setPixelsPerSecond(100);
        view.axis()->setLeftSeconds(0);
        QCOMPARE(view.snapGrid(), SnapGrid::Beat);
        Lane *lane = view.laneFor(f.audio);
        const int undoBefore = f.session.undoStack()->count();
        // WHEN the clip is dragged 130 px to the right in several steps
        QTest::mousePress(lane, Qt::LeftButton, {}, QPoint(150, 20));
        for (int x : {160, 200, 250, 280}) {
            QMouseEvent move(QEvent::MouseMove, QPointF(x, 20), lane->mapToGlobal(QPointF(x, 20)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(lane, &move);
        }
        QTest::mouseRelease(lane, Qt::LeftButton, {}, QPoint(280, 20));
        // THEN it starts at 2.3 s snapped to the beat: 2.5 s, in one undo step
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, std::int64_t(2.5 * 48000));
        QCOMPARE(f.session.undoStack()->count(), undoBefore + 1);
        f.session.undoStack()->undo();
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, std::int64_t(48000));
        // WHEN dragged with Alt THEN it does not snap
        QTest::mousePress(lane, Qt::LeftButton, {}, QPoint(150, 20));
        QMouseEvent move(QEvent::MouseMove, QPointF(280, 20), lane->mapToGlobal(QPointF(280, 20)),
                         Qt::NoButton, Qt::LeftButton, Qt::AltModifier);
        QCoreApplication::sendEvent(lane, &move);
        QTest::mouseRelease(lane, Qt::LeftButton, Qt::AltModifier, QPoint(280, 20));
        QCOMPARE(f.session.clip(f.audio, f.audioClip)->start, std::int64_t(110400)); // 2.3 s
    }

    void ctrlWheelZoomsAroundTheMouse()
    {
        // GIVEN a timeline
        Fixture f;
        TimelineView view(&f.session);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Lane *lane = view.lanes().front();
        const double before = view.axis()->pixelsPerSecond();
        const double anchor = view.axis()->secondsForX(300);
        // WHEN Ctrl+wheel up over x = 300
        QWheelEvent wheel(QPointF(300, 20), lane->mapToGlobal(QPointF(300, 20)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(lane, &wheel);
        // THEN the zoom grew and the time under the mouse stayed
        QVERIFY(view.axis()->pixelsPerSecond() > before);
        QVERIFY(std::abs(view.axis()->secondsForX(300) - anchor) < 1e-6);
    }

    void audioTracksCanShowSpectrograms()
    {
        // GIVEN a timeline WHEN audio is switched to spectrograms THEN the audio lane is one,
        // coloured with the chosen map, and switching back restores the waveform
        Fixture f;
        TimelineView view(&f.session);
        view.setColourMap(ColourMap::Name::Magma);
        view.setAudioView(TimelineView::AudioView::Spectrogram);
        auto *spectrogram = qobject_cast<SpectrogramLane *>(view.laneFor(f.audio));
        QVERIFY(spectrogram);
        QCOMPARE(spectrogram->colourMap(), ColourMap::Name::Magma);
        view.setColourMap(ColourMap::Name::Greys);
        QCOMPARE(spectrogram->colourMap(), ColourMap::Name::Greys);
        QCOMPARE(view.lanes().size(), 3);
        view.setAudioView(TimelineView::AudioView::Waveform);
        QVERIFY(qobject_cast<WaveformLane *>(view.laneFor(f.audio)));
    }

    void rowsFollowTrackChanges()
    {
        // GIVEN a timeline WHEN a track is added and undone THEN rows follow
        Fixture f;
        TimelineView view(&f.session);
        Track t;
        t.id = TrackId::create();
        t.name = QStringLiteral("New");
        f.session.push(new AddTrackCommand(&f.session, t));
        QCOMPARE(view.lanes().size(), 4);
        QVERIFY(view.laneFor(t.id));
        f.session.undoStack()->undo();
        QCOMPARE(view.lanes().size(), 3);
        QVERIFY(!view.laneFor(t.id));
    }
};

QTEST_MAIN(TstTimelineView)
#include "tst_timelineview.moc"
