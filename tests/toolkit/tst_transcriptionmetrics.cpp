// SPDX-License-Identifier: GPL-3.0-or-later
// Note and frame metrics against mir_eval.transcription / mir_eval.multipitch numbers
// computed by tests/data/toolkit/metrics/make_metrics_fixtures.py.
#include "plugins/toolkit/bipartitematch.h"
#include "plugins/toolkit/transcriptionmetrics.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

constexpr double kTolerance = 1e-12;

QJsonObject fixture()
{
    QFile f(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/metrics/transcription.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<NoteEvent> notesOf(const QJsonArray &rows)
{
    std::vector<NoteEvent> out;
    for (const auto &r : rows) {
        const QJsonArray a = r.toArray();
        out.push_back({a[0].toDouble(), a[1].toDouble(), a[2].toDouble()});
    }
    return out;
}

PitchFrames framesOf(const QJsonArray &times, const QJsonArray &freqs)
{
    PitchFrames f;
    for (const auto &t : times)
        f.times.push_back(t.toDouble());
    for (const auto &row : freqs) {
        std::vector<double> v;
        for (const auto &x : row.toArray())
            v.push_back(x.toDouble());
        f.frequencies.push_back(v);
    }
    return f;
}

void compareScores(const NoteScores &got, const QJsonArray &want, bool withOverlap)
{
    QVERIFY(std::abs(got.precision - want[0].toDouble()) < kTolerance);
    QVERIFY(std::abs(got.recall - want[1].toDouble()) < kTolerance);
    QVERIFY(std::abs(got.f1 - want[2].toDouble()) < kTolerance);
    if (withOverlap)
        QVERIFY2(std::abs(got.averageOverlap - want[3].toDouble()) < kTolerance,
                 qPrintable(QStringLiteral("%1 vs %2").arg(got.averageOverlap, 0, 'g', 17)
                                .arg(want[3].toDouble(), 0, 'g', 17)));
}

} // namespace

class TestTranscriptionMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noteScoresMatchMirEval()
    {
        // GIVEN 80 reference notes with repeated pitches and a perturbed, shuffled estimate
        const QJsonObject f = fixture();
        QVERIFY2(!f.isEmpty(), "transcription.json missing");
        const auto ref = notesOf(f["ref"].toArray());
        const auto est = notesOf(f["est"].toArray());
        // WHEN scored with and without offsets
        NoteMatchRules noOffsets;
        noOffsets.offsetRatio.reset();
        // THEN P/R/F and the average overlap ratio equal mir_eval's
        compareScores(noteScores(ref, est), f["with_offsets"].toArray(), true);
        compareScores(noteScores(ref, est, noOffsets), f["no_offsets"].toArray(), true);
        compareScores(onsetScores(ref, est), f["onsets_only"].toArray(), false);
        compareScores(offsetScores(ref, est), f["offsets_only"].toArray(), false);
    }

    void matchingIsMirEvalsPairForPair()
    {
        // GIVEN the same notes
        const QJsonObject f = fixture();
        const auto ref = notesOf(f["ref"].toArray());
        const auto est = notesOf(f["est"].toArray());
        // WHEN matched
        const auto got = matchNotes(ref, est);
        // THEN every (reference, estimate) pair is the one mir_eval.transcription.match_notes chose
        const QJsonArray want = f["matching_with_offsets"].toArray();
        QCOMPARE(int(got.size()), int(want.size()));
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].first, want[int(i)].toArray()[0].toInt());
            QCOMPARE(got[i].second, want[int(i)].toArray()[1].toInt());
        }
    }

    void multiPitchMatchesMirEval()
    {
        // GIVEN reference frames every 10 ms and estimate frames every 11.6 ms (resampled)
        const QJsonObject m = fixture()["multipitch"].toObject();
        const auto ref = framesOf(m["ref_times"].toArray(), m["ref_freqs"].toArray());
        const auto est = framesOf(m["est_times"].toArray(), m["est_freqs"].toArray());
        // WHEN scored
        const MultiPitchScores s = multiPitchScores(ref, est);
        // THEN all 14 numbers equal mir_eval.multipitch.metrics
        const double got[14] = {s.precision, s.recall, s.accuracy, s.substitutionError,
                                s.missError, s.falseAlarmError, s.totalError, s.chromaPrecision,
                                s.chromaRecall, s.chromaAccuracy, s.chromaSubstitutionError,
                                s.chromaMissError, s.chromaFalseAlarmError, s.chromaTotalError};
        const QJsonArray want = m["metrics"].toArray();
        for (int i = 0; i < 14; ++i)
            QVERIFY2(std::abs(got[i] - want[i].toDouble()) < kTolerance,
                     qPrintable(QStringLiteral("metric %1: %2 vs %3").arg(i).arg(got[i]).arg(want[i].toDouble())));
    }

    void matchingIsMaximumNotGreedy()
    {
        // GIVEN left 0 -> {0, 1}, left 1 -> {0}: greedy takes (0,0) and blocks left 1
        const std::vector<BipartiteVertex> graph{{0, {0, 1}}, {1, {0}}};
        // WHEN matched
        const auto m = bipartiteMatch(graph, 2);
        // THEN the augmenting path gives both a partner
        QCOMPARE(int(m.size()), 2);
        QCOMPARE(m[0], std::make_pair(0, 1));
        QCOMPARE(m[1], std::make_pair(1, 0));
    }

    void identicalNotesScorePerfectly()
    {
        // GIVEN a NoteSequence compared with itself
        sdk::NoteSequence seq;
        seq.notes = {{60, 100, 0.0, 0.5}, {64, 100, 0.25, 0.5}, {67, 90, 1.0, 0.2}};
        const auto notes = noteEvents(seq);
        // THEN every note matches with full overlap and every frame is right
        const NoteScores s = noteScores(notes, notes);
        QCOMPARE(s.f1, 1.0);
        QCOMPARE(s.averageOverlap, 1.0);
        const PitchFrames frames = pitchFrames(notes);
        QCOMPARE(int(frames.times.size()), 120);    // 1.2 s at 10 ms
        QCOMPARE(int(frames.frequencies[30].size()), 2);   // 0.30 s: C4 and E4
        QCOMPARE(multiPitchScores(frames, frames).accuracy, 1.0);
    }

    void emptyInputScoresZero()
    {
        // GIVEN no estimated notes
        const std::vector<NoteEvent> ref{{0.0, 1.0, 440.0}};
        // THEN all scores are zero, as mir_eval returns
        const NoteScores s = noteScores(ref, {});
        QCOMPARE(s.precision, 0.0);
        QCOMPARE(s.recall, 0.0);
        QCOMPARE(s.f1, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestTranscriptionMetrics)
#include "tst_transcriptionmetrics.moc"
