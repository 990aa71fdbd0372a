// SPDX-License-Identifier: GPL-3.0-or-later
// MidiCcMap: binding (channel, CC) to a parameter range, applying values, learn mode, raw
// messages and invalid input.

#include "core/audio/midiccmap.h"

#include <QTest>

using namespace mirstudio;

class TestMidiCcMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsAndAppliesRange()
    {
        // GIVEN CC 7 on channel 0 mapped to a gain from -60 to 6 dB
        MidiCcMap map;
        QVERIFY(map.map(0, 7, QStringLiteral("track1.gain"), -60.0, 6.0));
        // WHEN values 0, 127 and 64 arrive
        const auto low = map.apply(0, 7, 0);
        const auto high = map.apply(0, 7, 127);
        const auto mid = map.apply(0, 7, 64);
        // THEN they map linearly onto the range
        QVERIFY(low && high && mid);
        QCOMPARE(low->parameterId, QStringLiteral("track1.gain"));
        QCOMPARE(low->value, -60.0);
        QCOMPARE(high->value, 6.0);
        QVERIFY(qFuzzyCompare(mid->value, -60.0 + 66.0 * 64.0 / 127.0));
        QVERIFY(!low->learned);
        // AND out-of-range values are clamped, other CCs and channels are unmapped
        QCOMPARE(map.apply(0, 7, 500)->value, 6.0);
        QCOMPARE(map.apply(0, 7, -3)->value, -60.0);
        QVERIFY(!map.apply(1, 7, 64));
        QVERIFY(!map.apply(0, 8, 64));
    }

    void invertedRangeAndNormalise()
    {
        // GIVEN a range given high to low
        MidiCcMap map;
        QVERIFY(map.map(3, 1, QStringLiteral("filter.cutoff"), 1.0, 0.0));
        // WHEN the CC is at 0 THEN the parameter is at its maximum
        QCOMPARE(map.apply(3, 1, 0)->value, 1.0);
        QCOMPARE(map.apply(3, 1, 127)->value, 0.0);
        QCOMPARE(MidiCcMap::normalise(127), 1.0);
        QCOMPARE(MidiCcMap::normalise(0), 0.0);
    }

    void remapsReplacesAndUnmaps()
    {
        // GIVEN two mappings
        MidiCcMap map;
        QVERIFY(map.map(0, 10, QStringLiteral("pan")));
        QVERIFY(map.map(0, 11, QStringLiteral("pan")));
        // WHEN CC 10 is mapped again THEN it is replaced, not duplicated
        QVERIFY(map.map(0, 10, QStringLiteral("volume"), 0.0, 2.0));
        QCOMPARE(map.mappings().size(), 2);
        QCOMPARE(map.mapping(0, 10)->parameterId, QStringLiteral("volume"));
        QCOMPARE(map.mapping(0, 10)->maximum, 2.0);
        // WHEN unmapped THEN gone; a missing mapping reports false
        QVERIFY(map.unmap(0, 10));
        QVERIFY(!map.unmap(0, 10));
        QVERIFY(!map.mapping(0, 10));
        QCOMPARE(map.unmapParameter(QStringLiteral("pan")), 1);
        QVERIFY(map.mappings().isEmpty());
    }

    void rejectsInvalidBindings()
    {
        // GIVEN an empty map WHEN invalid channels, controllers or ids are mapped THEN refused
        MidiCcMap map;
        QVERIFY(!map.map(16, 1, QStringLiteral("x")));
        QVERIFY(!map.map(-1, 1, QStringLiteral("x")));
        QVERIFY(!map.map(0, 128, QStringLiteral("x")));
        QVERIFY(!map.map(0, 1, QString()));
        QVERIFY(map.mappings().isEmpty());
        QVERIFY(!map.handle(16, 1, 3));
    }

    void learnModeBindsTheNextControlChange()
    {
        // GIVEN a parameter mapped to CC 20 and learn mode armed for it with a new range
        MidiCcMap map;
        QVERIFY(map.map(0, 20, QStringLiteral("reverb.mix")));
        map.startLearn(QStringLiteral("reverb.mix"), 0.0, 100.0);
        QVERIFY(map.isLearning());
        // WHEN CC 74 on channel 2 arrives
        const auto r = map.handle(2, 74, 127);
        // THEN it is bound (the old binding is dropped), reported as learned, and applied
        QVERIFY(r);
        QVERIFY(r->learned);
        QCOMPARE(r->parameterId, QStringLiteral("reverb.mix"));
        QCOMPARE(r->value, 100.0);
        QVERIFY(!map.isLearning());
        QVERIFY(!map.mapping(0, 20));
        QCOMPARE(map.mapping(2, 74)->parameterId, QStringLiteral("reverb.mix"));
        // AND the next CC is applied normally
        const auto next = map.handle(2, 74, 0);
        QVERIFY(next && !next->learned);
        QCOMPARE(next->value, 0.0);
        // AND cancelled learn binds nothing
        map.startLearn(QStringLiteral("other"));
        map.cancelLearn();
        QVERIFY(!map.handle(5, 5, 5));
        QVERIFY(!map.mapping(5, 5));
    }

    void handlesRawMessages()
    {
        // GIVEN CC 1 on channel 9 mapped
        MidiCcMap map;
        QVERIFY(map.map(9, 1, QStringLiteral("mod")));
        // WHEN raw messages arrive THEN only control changes are handled
        const unsigned char cc[3] = {0xB9, 0x01, 0x7F};
        const unsigned char noteOn[3] = {0x99, 0x01, 0x7F};
        QCOMPARE(map.handleMessage(cc, 3)->value, 1.0);
        QVERIFY(!map.handleMessage(noteOn, 3));
        QVERIFY(!map.handleMessage(cc, 2));
        QVERIFY(!map.handleMessage(nullptr, 3));
    }
};

QTEST_GUILESS_MAIN(TestMidiCcMap)
#include "tst_midiccmap.moc"
