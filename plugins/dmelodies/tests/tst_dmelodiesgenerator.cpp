// SPDX-License-Identifier: GPL-3.0-or-later
// The dMelodies generator: factor table, melody rules, token table (checked against the
// melodies of the golden fixtures' input.pt when the shared folder exists).
#include "plugins/dmelodies/melodygenerator.h"
#include "plugins/dmelodies/melodytokens.h"
#include "plugins/toolkit/checkpointreader.h"

#include <QDir>
#include <QTest>
#include <set>

using namespace mirstudio::dmelodies;

class TestDMelodiesGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countAndIndexRoundTrip()
    {
        // GIVEN the factor cardinalities THEN their product is the published dataset size
        int64_t count = 1;
        for (int f = 0; f < kFactorCount; ++f)
            count *= DMelodiesFactors::cardinality(f);
        QCOMPARE(count, kMelodyCount);
        QCOMPARE(count, int64_t(1354752));
        // WHEN indices are mapped to factors and back THEN the mapping is a bijection in product order
        QCOMPARE(DMelodiesFactors::fromIndex(0).values, (std::array<int, 9>{0, 0, 0, 0, 0, 0, 0, 0, 0}));
        QCOMPARE(DMelodiesFactors::fromIndex(1).values, (std::array<int, 9>{0, 0, 0, 0, 0, 0, 0, 0, 1}));
        QCOMPARE(DMelodiesFactors::fromIndex(16).values, (std::array<int, 9>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
        QCOMPARE(DMelodiesFactors::fromIndex(kMelodyCount - 1).values, (std::array<int, 9>{11, 2, 2, 27, 27, 1, 1, 1, 1}));
        for (int64_t i = 0; i < kMelodyCount; i += 9973)
            QCOMPARE(DMelodiesFactors::fromIndex(i).index(), i);
    }

    void rhythmPatternsAreCombinations()
    {
        // GIVEN the 28 rhythm patterns THEN they are the distinct 6-subsets of 0..7 in lexicographic order
        QCOMPARE(MelodyGenerator::rhythmPattern(0), (std::array<int, 6>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(MelodyGenerator::rhythmPattern(1), (std::array<int, 6>{0, 1, 2, 3, 4, 6}));
        QCOMPARE(MelodyGenerator::rhythmPattern(27), (std::array<int, 6>{2, 3, 4, 5, 6, 7}));
        for (int p = 1; p < 28; ++p)
            QVERIFY(MelodyGenerator::rhythmPattern(p - 1) < MelodyGenerator::rhythmPattern(p));
    }

    void melodyRules()
    {
        // GIVEN C major octave 4, all notes first, arpeggios up, down, up, up
        DMelodiesFactors f;
        f.values = {0, 0, 0, 0, 0, 0, 1, 0, 0};
        const auto m = MelodyGenerator::melody(f);
        // THEN bar 1 is C E G | C' A F then 2 rests, bar 2 is G B D' | C E G then 2 rests
        const MelodyTicks expected{60, 64, 67, 72, 69, 65, kRest, kRest, 67, 71, 74, 60, 64, 67, kRest, kRest};
        QCOMPARE(m, expected);
        QCOMPARE(MelodyGenerator::noteName(61), QStringLiteral("C#4"));
    }

    void allMelodiesUniqueAndInRange()
    {
        // GIVEN every melody of the dataset WHEN tokenised THEN all are distinct and within 1..51
        std::set<std::array<int, kSequenceLength>> seen;
        int lowest = 1000, highest = -1;
        for (int64_t i = 0; i < kMelodyCount; ++i) {
            const auto m = MelodyGenerator::melody(DMelodiesFactors::fromIndex(i));
            for (const int p : m)
                if (p != kRest) {
                    lowest = std::min(lowest, p);
                    highest = std::max(highest, p);
                }
            seen.insert(m);
        }
        QCOMPARE(int64_t(seen.size()), kMelodyCount);
        QCOMPARE(lowest, 60);
        QCOMPARE(highest, 109);
    }

    void fixtureMelodies()
    {
        // GIVEN the fixtures' factor rows (computed by the fixture author from the official rules)
        const QString path = QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden/dmelodies-rnnvae-a/input.pt");
        if (!QFile::exists(path))
            QSKIP("the shared fixtures folder (shared/fixtures/golden/dmelodies-rnnvae-a) is missing");
        const auto dict = mirstudio::toolkit::loadStateDict(path);
        torch::Tensor tokens, factors;
        for (const auto &[k, v] : dict)
            (k == "tokens" ? tokens : factors) = v;
        // WHEN each row's factors are turned into tokens THEN they equal the saved tokens
        for (int64_t n = 0; n < factors.size(0); ++n) {
            DMelodiesFactors f;
            for (int k = 0; k < kFactorCount; ++k)
                f.values[size_t(k)] = int(factors[n][k].item<int64_t>());
            QVERIFY(torch::equal(MelodyTokens::tokens(MelodyGenerator::melody(f)), tokens[n]));
            QVERIFY(torch::equal(MelodyTokens::batch({f.index()})[0], tokens[n]));
        }
    }

    void notesRoundTrip()
    {
        // GIVEN a melody's tokens WHEN turned into notes and back THEN the tokens are unchanged
        const auto t = MelodyTokens::batch({123456})[0];
        const auto notes = MelodyTokens::notes(t, 120.0);
        QCOMPARE(int(notes.notes.size()), 12);
        QCOMPARE(notes.notes[0].duration, 0.25);
        QVERIFY(torch::equal(MelodyTokens::fromNotes(notes), t));
        // AND a hold token lengthens the previous note
        auto held = t.clone();
        held[1] = MelodyTokens::kHold;
        const auto n2 = MelodyTokens::notes(held, 120.0);
        QCOMPARE(int(n2.notes.size()), t[1].item<int64_t>() == MelodyTokens::kRestToken ? 12 : 11);
    }
};

QTEST_GUILESS_MAIN(TestDMelodiesGenerator)
#include "tst_dmelodiesgenerator.moc"
