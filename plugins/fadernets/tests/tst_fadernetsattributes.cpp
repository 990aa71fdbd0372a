// SPDX-License-Identifier: GPL-3.0-or-later
// FaderNets attributes, key vector and controllability metrics on hand-made inputs.
#include "plugins/fadernets/controllabilitymetrics.h"
#include "plugins/fadernets/fadercodec.h"
#include "plugins/fadernets/keyvector.h"
#include "plugins/fadernets/musicattributes.h"
#include "plugins/fadernets/segmentbatch.h"

#include <QTest>

using namespace mirstudio::fadernets;
using mirstudio::sdk::Note;
using mirstudio::sdk::NoteSequence;

class TestFaderNetsAttributes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rhythmAndNoteDensityFromActivePitches()
    {
        // GIVEN steps: {60}, {60}, {}, {60, 64}, {64}, {67}
        const std::vector<std::vector<int>> roll{{60}, {60}, {}, {60, 64}, {64}, {67}};
        // WHEN attributes are computed
        const auto a = MusicAttributes::fromActivePitches(roll);
        // THEN onset / hold / rest per step and the densities follow the official definition
        QCOMPARE(a.rhythm, (std::vector<int>{1, 2, 0, 1, 2, 1}));
        QCOMPARE(a.noteDensity, (std::vector<int>{1, 1, 0, 2, 1, 1}));
        QCOMPARE(a.rhythmDensity, 3.0 / 6.0);
        QCOMPARE(a.noteDensityMean, 6.0 / 6.0);
    }

    void attributesFromNotesOnTheSixteenthGrid()
    {
        // GIVEN at 120 bpm (16th = 0.125 s) a whole-segment C and four quarter-note Es
        NoteSequence seq;
        seq.bpm = 120.0;
        seq.notes.push_back(Note{48, 80, 0.0, 2.0});
        for (int q = 0; q < 4; ++q)
            seq.notes.push_back(Note{64, 80, q * 0.5, 0.5});
        // WHEN attributes are computed over 16 steps
        const auto a = MusicAttributes::fromNotes(seq);
        // THEN an onset every 4 steps (a new E) and two sounding pitches everywhere
        QCOMPARE(a.rhythm[0], 1);
        QCOMPARE(a.rhythm[1], 2);
        QCOMPARE(a.rhythm[4], 2); // the E re-struck joins a held E: the roll has no new pitch
        QCOMPARE(a.noteDensityMean, 2.0);
        QCOMPARE(a.rhythmDensity, 1.0 / 16.0);
    }

    void densityIsClippedToFifteen()
    {
        // GIVEN one step with 20 pitches THEN its note density is 15
        std::vector<int> many(20);
        for (int i = 0; i < 20; ++i)
            many[size_t(i)] = 40 + i;
        QCOMPARE(MusicAttributes::fromActivePitches({many}).noteDensity.front(), 15);
    }

    void keyVectorKeepsThreeLargestCorrelations()
    {
        // GIVEN a C major scale histogram with a strong tonic triad
        std::array<double, 12> h{5, 0, 2, 0, 4, 2, 0, 4, 0, 2, 0, 1};
        // WHEN the key vector is made
        const auto v = KeyVector::fromHistogram(h);
        // THEN at most three values are non-zero, all >= 0.1, and C major (index 0) is the largest
        int nonZero = 0;
        for (float x : v) {
            nonZero += x > 0.0f;
            QVERIFY(x == 0.0f || x >= 0.1f);
        }
        QCOMPARE(nonZero, 3);
        QCOMPARE(int(std::max_element(v.begin(), v.end()) - v.begin()), 0);
        QCOMPARE(KeyVector::fromHistogram({})[0], 0.0f);
    }

    void consistencyAndRestrictivenessKnownAnswers()
    {
        // GIVEN two samples over three fader values
        const ControllabilityMetrics::Table controlled{{0.0, 1.0, 2.0}, {0.0, 1.0, 4.0}};
        // THEN consistency = 1 - mean_v std_s = 1 - (0 + 0 + 1) / 3
        QCOMPARE(ControllabilityMetrics::consistency(controlled), 1.0 - 1.0 / 3.0);
        // THEN restrictiveness = 1 - mean_s std_v: a flat row scores 1, std of (1, 3) is 1
        const ControllabilityMetrics::Table other{{2.0, 2.0, 2.0}, {1.0, 3.0, 1.0}};
        const double stdRow = std::sqrt(((1.0 - 5.0 / 3) * (1.0 - 5.0 / 3) * 2 + (3.0 - 5.0 / 3) * (3.0 - 5.0 / 3)) / 3.0);
        QVERIFY(std::abs(ControllabilityMetrics::restrictiveness(other) - (1.0 - stdRow / 2.0)) < 1e-12);
    }

    void linearityIsTheMeanRSquared()
    {
        // GIVEN fader values 0..3, one exactly linear row and one with R² = 0.8 (y = 0, 0, 1, 1 → r = 0.894)
        const std::vector<double> x{0, 1, 2, 3};
        const ControllabilityMetrics::Table rows{{1, 3, 5, 7}, {0, 0, 1, 1}};
        // THEN R² of the rows are 1 and 0.8, linearity their mean
        QVERIFY(std::abs(ControllabilityMetrics::rSquared(x, rows[0]) - 1.0) < 1e-12);
        QVERIFY(std::abs(ControllabilityMetrics::rSquared(x, rows[1]) - 0.8) < 1e-12);
        QVERIFY(std::abs(ControllabilityMetrics::linearity(rows, x) - 0.9) < 1e-12);
        // THEN a flat row is fitted exactly (sklearn scores it 1)
        QCOMPARE(ControllabilityMetrics::rSquared(x, {2, 2, 2, 2}), 1.0);
    }

    void officialFaderValues()
    {
        // GIVEN min -1 and max 1 THEN 8 values from -1 in steps of 0.25 (max itself excluded)
        const auto v = ControllabilityMetrics::faderValues(-1.0, 1.0);
        QCOMPARE(int(v.size()), 8);
        QCOMPARE(v.front(), -1.0);
        QCOMPARE(v.back(), 0.75);
    }

    void cleanTokensTrimsPadAndCutsAtEos()
    {
        // GIVEN raw greedy tokens with leading PAD, EOS and trailing garbage
        const std::vector<std::int64_t> raw{0, 0, 40, 300, 1, 55, 0};
        // THEN the official clean_output keeps what lies before the first EOS
        QCOMPARE(FaderCodec::cleanTokens(raw), (std::vector<std::int64_t>{40, 300}));
    }

    void segmentsAreFourBeatsWithEos()
    {
        // GIVEN 8 beats at 60 bpm of quarter notes
        NoteSequence seq;
        seq.bpm = 60.0;
        for (int q = 0; q < 8; ++q)
            seq.notes.push_back(Note{60 + q, 90, double(q), 1.0});
        // WHEN cut
        const auto segments = SegmentCutter::cut(seq, false);
        // THEN two segments, each ending with EOS, 4 onsets each
        QCOMPARE(int(segments.size()), 2);
        for (const auto &s : segments) {
            QCOMPARE(s.tokens.back(), std::int64_t(1));
            QCOMPARE(s.attributes.rhythmDensity, 4.0 / 16.0);
            QCOMPARE(int(s.key.size()), 24);
        }
    }
};

QTEST_GUILESS_MAIN(TestFaderNetsAttributes)
#include "tst_fadernetsattributes.moc"
