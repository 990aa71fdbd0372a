// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/tempomap.h"

#include <QTest>

using namespace mirstudio::media;

class TestTempoMap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultIs120Bpm()
    {
        // GIVEN an empty map at 480 PPQ
        TempoMap map(480);
        // THEN one quarter is half a second and bar 2 starts at tick 1920
        QCOMPARE(map.secondsAt(480), 0.5);
        QCOMPARE(map.tickAt(1.0), 960.0);
        QCOMPARE(map.tickOfBar(2), std::int64_t(1920));
        QCOMPARE(map.bpmAt(0), 120.0);
    }
    void tempoChangesArePiecewise()
    {
        // GIVEN 120 bpm, then 60 bpm from tick 960
        TempoMap map(480);
        map.setTempo({960, 1'000'000.0});
        // THEN ticks after the change take twice as long, and the inverse agrees
        QCOMPARE(map.secondsAt(960), 1.0);
        QCOMPARE(map.secondsAt(1440), 2.0);
        QCOMPARE(map.tickAt(2.0), 1440.0);
        QCOMPARE(map.frameAt(1440, 48000), std::int64_t(96000));
        QCOMPARE(map.bpmAt(1000), 60.0);
    }
    void barsFollowMeterChanges()
    {
        // GIVEN 4/4 for two bars then 3/4
        TempoMap map(480);
        map.setTimeSignature({3840, 3, 4});
        // THEN bar 3 starts at 3840, bar 4 one 3/4 bar later, and beats count within bars
        QCOMPARE(map.tickOfBar(3), std::int64_t(3840));
        QCOMPARE(map.tickOfBar(4), std::int64_t(3840 + 1440));
        const BarBeat bb = map.barBeatAt(3840 + 1440 + 480 + 10);
        QCOMPARE(bb.bar, std::int64_t(4));
        QCOMPARE(bb.beat, 2);
        QCOMPARE(bb.tick, std::int64_t(10));
    }
    void ppqRescalesEvents()
    {
        TempoMap map(480);
        map.setTempo({480, 400000.0});
        map.setPpq(960);
        QCOMPARE(map.tempos().back().tick, std::int64_t(960));
        QCOMPARE(map.secondsAt(960), 0.5);
    }
};

QTEST_GUILESS_MAIN(TestTempoMap)
#include "tst_tempomap.moc"
