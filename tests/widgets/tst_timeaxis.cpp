// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/lane.h"
#include "widgets/timeaxis.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

/** A lane that records the x of one time point, for alignment checks. */
class ProbeLane : public Lane
{
public:
    using Lane::Lane;
    int paints = 0;

protected:
    void paintLane(QPainter &p, const QRect &dirty) override
    {
        ++paints;
        p.fillRect(dirty, Qt::black);
    }
};

} // namespace

class TstTimeAxis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsBothWays()
    {
        // GIVEN an axis at 48 kHz, 200 px/s, scrolled to 10 s
        TimeAxis axis;
        axis.setSampleRate(48000);
        axis.setPixelsPerSecond(200);
        axis.setLeftSeconds(10);
        // THEN x and time map both ways
        QCOMPARE(axis.xForSeconds(10.0), 0.0);
        QCOMPARE(axis.xForSeconds(12.5), 500.0);
        QCOMPARE(axis.secondsForX(500.0), 12.5);
        QCOMPARE(axis.xForFrame(48000 * 11), 200.0);
        QCOMPARE(axis.frameForX(200.0), std::int64_t(48000 * 11));
    }

    void zoomKeepsAnchor()
    {
        // GIVEN an axis scrolled to 5 s
        TimeAxis axis;
        axis.setPixelsPerSecond(100);
        axis.setLeftSeconds(5);
        const double atAnchor = axis.secondsForX(300);
        QSignalSpy spy(&axis, &TimeAxis::changed);
        // WHEN zooming in 4x around x = 300
        axis.zoomAround(300, 4.0);
        // THEN the time under the anchor stays, the zoom changed and one signal was emitted
        QCOMPARE(axis.pixelsPerSecond(), 400.0);
        QVERIFY(std::abs(axis.secondsForX(300) - atAnchor) < 1e-9);
        QCOMPARE(spy.count(), 1);
        // WHEN scrolling by 400 px
        axis.scrollBy(400);
        // THEN it moved by one second
        QVERIFY(std::abs(axis.secondsForX(300) - atAnchor - 1.0) < 1e-9);
        // WHEN scrolling before zero THEN it stops at zero
        axis.scrollBy(-1e9);
        QCOMPARE(axis.leftSeconds(), 0.0);
    }

    void snapsToTempoGrid()
    {
        // GIVEN 120 bpm 4/4 for 2 bars then 60 bpm 3/4
        media::TempoMap map(960);
        map.setTimeSignature({0, 4, 4});
        map.setTempo({0, 500000.0});
        map.setTempo({2 * 3840, 1000000.0});
        map.setTimeSignature({2 * 3840, 3, 4});
        TimeAxis axis;
        axis.setTempoMap(&map);
        // THEN straight and triplet grids at 120 bpm: beat 0.5 s, 1/16 0.125 s, 1/8T 1/6 s
        QCOMPARE(axis.snapSeconds(0.26, SnapGrid::Beat), 0.5);
        QCOMPARE(axis.snapSeconds(0.26, SnapGrid::Sixteenth), 0.25);
        QVERIFY(std::abs(axis.snapSeconds(0.2, SnapGrid::EighthTriplet) - 1.0 / 6.0) < 1e-9);
        QCOMPARE(axis.snapSeconds(0.9, SnapGrid::Bar), 0.0);
        QCOMPARE(axis.snapSeconds(1.1, SnapGrid::Bar), 2.0);
        QCOMPARE(axis.snapSeconds(0.3, SnapGrid::Off), 0.3);
        // AND after the change, bars of 3 beats at 1 s per beat starting at 4 s
        QCOMPARE(axis.snapSeconds(5.4, SnapGrid::Bar), 4.0);
        QCOMPARE(axis.snapSeconds(5.6, SnapGrid::Bar), 7.0);
        QCOMPARE(axis.snapSeconds(5.4, SnapGrid::Beat), 5.0);
        QCOMPARE(axis.snapSeconds(5.3, SnapGrid::Eighth), 5.5);
    }

    void lanesShareTheAxis()
    {
        // GIVEN two lanes on one axis
        TimeAxis axis;
        ProbeLane a(&axis, TrackId::create());
        ProbeLane b(&axis, TrackId::create());
        a.resize(640, 60);
        b.resize(640, 60);
        a.show();
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&a));
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QCOMPARE(axis.viewWidth(), 640);
        const int before = a.paints;
        // WHEN the axis zooms
        axis.zoomAround(100, 2.0);
        // THEN both lanes repaint
        QTRY_VERIFY(a.paints > before);
        QTRY_VERIFY(b.paints > 0);
        // AND a lane's preferred height is its size hint
        a.setPreferredHeight(120);
        QCOMPARE(a.sizeHint().height(), 120);
        // AND the playhead draws a red column
        a.setPlayheadSeconds(axis.secondsForX(50.5));
        const QImage img = a.grab().toImage();
        QCOMPARE(QColor(img.pixel(50, 30)), QColor(255, 80, 60));
        QCOMPARE(QColor(img.pixel(60, 30)), QColor(Qt::black));
    }
};

QTEST_MAIN(TstTimeAxis)
#include "tst_timeaxis.moc"
