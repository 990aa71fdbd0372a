// SPDX-License-Identifier: GPL-3.0-or-later
// BSS-eval against reference numbers computed by mir_eval.separation (v3) and by a direct
// numpy transcription of museval's v4 (tests/data/toolkit/metrics/make_metrics_fixtures.py).
#include "plugins/toolkit/bsseval.h"

#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <stdexcept>

using namespace mirstudio;
using toolkit::BssEvalConfig;
using toolkit::BssEvalResult;

namespace {

constexpr double kToleranceDb = 1e-6;
const QString kDir = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/metrics/");

QJsonObject fixture(const QString &key)
{
    QFile f(kDir + "separation.json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(key).toObject();
}

torch::Tensor loadSignal(const QString &name, const QJsonArray &shape)
{
    QFile f(kDir + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    std::vector<int64_t> dims;
    for (const auto &d : shape)
        dims.push_back(d.toInteger());
    return torch::from_blob(const_cast<char *>(bytes.data()), dims, torch::kFloat32).clone();
}

/** Compares [source][frame] values with the JSON's flattened row-major list (null = NaN). */
void compareMetric(const std::vector<std::vector<double>> &got, const QJsonArray &want,
                   const char *what)
{
    int i = 0;
    for (const auto &row : got)
        for (double v : row) {
            const QJsonValue w = want.at(i++);
            if (w.isNull()) {
                QVERIFY2(std::isnan(v), qPrintable(QStringLiteral("%1[%2] should be NaN").arg(what).arg(i - 1)));
                continue;
            }
            QVERIFY2(std::abs(v - w.toDouble()) < kToleranceDb,
                     qPrintable(QStringLiteral("%1[%2]: %3 vs %4").arg(what).arg(i - 1)
                                    .arg(v, 0, 'g', 12).arg(w.toDouble(), 0, 'g', 12)));
        }
    QCOMPARE(i, int(want.size()));
}

} // namespace

class TestBssEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kDir + "separation.json"), "fixture missing; run make_metrics_fixtures.py");
    }

    void sourcesMatchMirEvalWithPermutation()
    {
        // GIVEN three mono references and estimates stored in shuffled order
        const QJsonObject want = fixture("sources");
        const auto refs = loadSignal("sep_mono_refs.f32", want["shape"].toArray());
        const auto ests = loadSignal("sep_mono_ests.f32", want["shape"].toArray());
        // WHEN scored as mir_eval.separation.bss_eval_sources
        const BssEvalResult r = toolkit::bssEval(refs, ests, BssEvalConfig::mirEvalSources());
        // THEN SDR/SIR/SAR and the recovered permutation equal mir_eval's
        QCOMPARE(r.sourceCount(), 3);
        QCOMPARE(r.frameCount(), 1);
        compareMetric(r.sdr, want["sdr"].toArray(), "sdr");
        compareMetric(r.sir, want["sir"].toArray(), "sir");
        compareMetric(r.sar, want["sar"].toArray(), "sar");
        for (int j = 0; j < 3; ++j)
            QCOMPARE(r.permutation[size_t(j)][0], want["perm"].toArray().at(j).toInt());
        QVERIFY(std::isnan(r.isr[0][0]));
    }

    void longSignalsAreCorrelatedBlockwiseExactly()
    {
        // GIVEN one mono source longer than the 65536-sample correlation block
        const QJsonObject want = fixture("sources_long");
        const auto refs = loadSignal("sep_long_refs.f32", want["shape"].toArray());
        const auto ests = loadSignal("sep_long_ests.f32", want["shape"].toArray());
        // WHEN scored as bss_eval_sources
        const BssEvalResult r = toolkit::bssEval(refs, ests, BssEvalConfig::mirEvalSources());
        // THEN SDR and SAR equal mir_eval's whole-signal computation
        compareMetric(r.sdr, want["sdr"].toArray(), "sdr");
        compareMetric(r.sar, want["sar"].toArray(), "sar");
    }

    void imagesMatchMirEval()
    {
        // GIVEN two stereo sources
        const QJsonObject want = fixture("images");
        const auto refs = loadSignal("sep_stereo_refs.f32", want["shape"].toArray());
        const auto ests = loadSignal("sep_stereo_ests.f32", want["shape"].toArray());
        // WHEN scored as mir_eval.separation.bss_eval_images (whole signal, permutation)
        const BssEvalResult r = toolkit::bssEval(refs, ests, BssEvalConfig::mirEvalImages());
        // THEN all four image criteria equal mir_eval's
        compareMetric(r.sdr, want["sdr"].toArray(), "sdr");
        compareMetric(r.isr, want["isr"].toArray(), "isr");
        compareMetric(r.sir, want["sir"].toArray(), "sir");
        compareMetric(r.sar, want["sar"].toArray(), "sar");
    }

    void framewiseV3MatchesMirEval()
    {
        // GIVEN the stereo pair whose second reference is silent in samples 4000..8000
        const QJsonObject want = fixture("images_framewise");
        const QJsonArray shape = fixture("images")["shape"].toArray();
        const auto refs = loadSignal("sep_stereo_refs.f32", shape);
        const auto ests = loadSignal("sep_stereo_ests.f32", shape);
        // WHEN scored framewise with filters per frame (bss_eval_images_framewise)
        BssEvalConfig c = BssEvalConfig::mirEvalImages();
        c.window = want["window"].toInteger();
        c.hop = want["hop"].toInteger();
        c.computePermutation = false;
        const BssEvalResult r = toolkit::bssEval(refs, ests, c);
        // THEN frames and values (NaN where a frame is silent) equal mir_eval's
        QCOMPARE(r.frameCount(), want["frames"].toInt());
        compareMetric(r.sdr, want["sdr"].toArray(), "sdr");
        compareMetric(r.isr, want["isr"].toArray(), "isr");
        compareMetric(r.sir, want["sir"].toArray(), "sir");
        compareMetric(r.sar, want["sar"].toArray(), "sar");
    }

    void v4MatchesMusevalComputation()
    {
        // GIVEN the same pair
        const QJsonObject want = fixture("v4");
        const QJsonArray shape = fixture("images")["shape"].toArray();
        const auto refs = loadSignal("sep_stereo_refs.f32", shape);
        const auto ests = loadSignal("sep_stereo_ests.f32", shape);
        // WHEN scored as museval v4 (filters from the whole signal) on 4000-sample frames
        BssEvalConfig c = BssEvalConfig::museval();
        c.window = c.hop = want["window"].toInteger();
        const BssEvalResult r = toolkit::bssEval(refs, ests, c);
        // THEN framewise values and the nan-median aggregate equal the reference
        QCOMPARE(r.frameCount(), want["frames"].toInt());
        compareMetric(r.sdr, want["sdr"].toArray(), "sdr");
        compareMetric(r.isr, want["isr"].toArray(), "isr");
        compareMetric(r.sir, want["sir"].toArray(), "sir");
        compareMetric(r.sar, want["sar"].toArray(), "sar");
        for (int j = 0; j < 2; ++j)
            QVERIFY(std::abs(BssEvalResult::median(r.sdr[size_t(j)])
                             - want["median_sdr"].toArray().at(j).toDouble()) < kToleranceDb);
    }

    void museValDefaultsAreOneSecondFrames()
    {
        // GIVEN the museval preset
        const BssEvalConfig c = BssEvalConfig::museval();
        // THEN it is SiSEC's protocol: 1 s at 44.1 kHz, 512 taps, v4 image criteria
        QCOMPARE(c.window, int64_t(44100));
        QCOMPARE(c.hop, int64_t(44100));
        QCOMPARE(c.filtersLength, 512);
        QVERIFY(!c.framewiseFilters && !c.sourcesVersion && !c.computePermutation);
    }

    void audioBuffersGiveTheSameScores()
    {
        // GIVEN the mono fixture as AudioBuffers
        const QJsonObject want = fixture("sources");
        const auto refs = loadSignal("sep_mono_refs.f32", want["shape"].toArray());
        const auto ests = loadSignal("sep_mono_ests.f32", want["shape"].toArray());
        const auto toBuffers = [](const torch::Tensor &t) {
            std::vector<sdk::AudioBuffer> out(size_t(t.size(0)));
            for (int64_t s = 0; s < t.size(0); ++s) {
                const float *p = t[s][0].data_ptr<float>();
                out[size_t(s)].channels.push_back(std::vector<float>(p, p + t.size(2)));
            }
            return out;
        };
        // WHEN both overloads score them
        const auto a = toolkit::bssEval(toBuffers(refs), toBuffers(ests), BssEvalConfig::mirEvalSources());
        const auto b = toolkit::bssEval(refs, ests, BssEvalConfig::mirEvalSources());
        // THEN the results are identical
        QCOMPARE(a.sdr, b.sdr);
        QCOMPARE(a.permutation, b.permutation);
    }

    void perfectEstimateScoresVeryHigh()
    {
        // GIVEN estimates equal to the references
        torch::manual_seed(1);
        const auto refs = torch::randn({2, 1, 3000}, torch::kFloat64);
        // WHEN scored
        const auto r = toolkit::bssEval(refs, refs, BssEvalConfig::mirEvalSources());
        // THEN SDR is far above any realistic separation
        QVERIFY2(r.sdr[0][0] > 100.0 && r.sdr[1][0] > 100.0, qPrintable(QString::number(r.sdr[0][0])));
    }

    void rejectsBadInput()
    {
        // GIVEN mismatched shapes, then a silent source
        const auto a = torch::randn({2, 1, 1000});
        const auto b = torch::randn({2, 1, 900});
        auto silent = torch::randn({2, 1, 1000});
        silent[1].zero_();
        // THEN both are refused with std::invalid_argument
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, toolkit::bssEval(a, b));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, toolkit::bssEval(silent, a));
    }
};

QTEST_GUILESS_MAIN(TestBssEval)
#include "tst_bsseval.moc"
