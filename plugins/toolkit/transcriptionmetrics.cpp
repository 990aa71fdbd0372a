// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/transcriptionmetrics.h"

#include "plugins/toolkit/bipartitematch.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace mirstudio::toolkit {

namespace {

/** numpy.around(x, decimals=4): mir_eval rounds time differences before comparing. */
double around4(double x)
{
    return std::nearbyint(x * 1e4) / 1e4;
}

/** numpy.mod for a positive modulus (result has the modulus' sign). */
double pyMod(double a, double m)
{
    double r = std::fmod(a, m);
    if (r != 0.0 && r < 0.0)
        r += m;
    return r;
}

bool within(double distance, double tolerance, bool strict)
{
    return strict ? distance < tolerance : distance <= tolerance;
}

/**
 * mir_eval's graph for a hit predicate: left vertices are estimates, inserted in the order a
 * reference-major scan of the hit matrix first meets them (np.where order); then the matching.
 */
std::vector<std::pair<int, int>> matchHits(int refCount, int estCount,
                                           const std::function<bool(int, int)> &hit)
{
    std::vector<BipartiteVertex> graph;
    std::vector<int> slot(size_t(estCount), -1);
    for (int r = 0; r < refCount; ++r)
        for (int e = 0; e < estCount; ++e)
            if (hit(r, e)) {
                if (slot[size_t(e)] < 0) {
                    slot[size_t(e)] = int(graph.size());
                    graph.push_back({e, {}});
                }
                graph[size_t(slot[size_t(e)])].neighbours.push_back(r);
            }
    return bipartiteMatch(graph, refCount);
}

double fMeasure(double p, double r)
{
    return (p == 0.0 && r == 0.0) ? 0.0 : 2.0 * p * r / (p + r);
}

NoteScores scoresOf(const std::vector<std::pair<int, int>> &matching, size_t refCount, size_t estCount)
{
    NoteScores s;
    s.matched = int(matching.size());
    s.precision = double(matching.size()) / double(estCount);
    s.recall = double(matching.size()) / double(refCount);
    s.f1 = fMeasure(s.precision, s.recall);
    return s;
}

bool offsetHit(const NoteEvent &r, const NoteEvent &e, double ratio, double minTolerance, bool strict)
{
    const double tolerance = std::max(ratio * (r.offset - r.onset), minTolerance);
    return within(around4(std::abs(r.offset - e.offset)), tolerance, strict);
}

double midiOf(double hz)
{
    return 69.0 + 12.0 * std::log2(hz / 440.0);
}

/** Resampling of mir_eval.multipitch.resample_multipitch (scipy interp1d kind="nearest"). */
std::vector<std::vector<double>> resampleTo(const PitchFrames &from, const std::vector<double> &target)
{
    std::vector<std::vector<double>> out(target.size());
    const auto &x = from.times;
    if (x.empty())
        return out;
    for (size_t k = 0; k < target.size(); ++k) {
        const double t = target[k];
        if (t < x.front() || t > x.back())
            continue;
        // index = searchsorted(midpoints, t, side="left")
        size_t i = 0;
        size_t lo = 0, hi = x.size() - 1;   // over midpoints 0..n-2
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if ((x[mid + 1] + x[mid]) / 2.0 < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        i = lo;
        out[k] = from.frequencies[i];
    }
    return out;
}

bool timesClose(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-8 + 1e-5 * std::abs(b[i]))
            return false;
    return true;
}

struct FrameCounts
{
    std::vector<double> tp, nRef, nEst;
};

void accuracyAndErrors(const FrameCounts &c, double *p, double *r, double *acc, double *sub,
                       double *miss, double *fa, double *tot)
{
    double tpSum = 0, refSum = 0, estSum = 0, accDen = 0, subN = 0, missN = 0, faN = 0, totN = 0;
    for (size_t i = 0; i < c.tp.size(); ++i) {
        tpSum += c.tp[i];
        refSum += c.nRef[i];
        estSum += c.nEst[i];
        accDen += c.nEst[i] + c.nRef[i] - c.tp[i];
        subN += std::min(c.nRef[i], c.nEst[i]) - c.tp[i];
        missN += std::max(c.nRef[i] - c.nEst[i], 0.0);
        faN += std::max(c.nEst[i] - c.nRef[i], 0.0);
        totN += std::max(c.nRef[i], c.nEst[i]) - c.tp[i];
    }
    *p = estSum > 0 ? tpSum / estSum : 0.0;
    *r = refSum > 0 ? tpSum / refSum : 0.0;
    *acc = accDen > 0 ? tpSum / accDen : 0.0;
    if (refSum == 0) {
        *sub = *miss = *fa = *tot = 0.0;
        return;
    }
    *sub = subN / refSum;
    *miss = missN / refSum;
    *fa = faN / refSum;
    *tot = totN / refSum;
}

} // namespace

std::vector<std::pair<int, int>> matchNotes(const std::vector<NoteEvent> &ref,
                                            const std::vector<NoteEvent> &est,
                                            const NoteMatchRules &rules)
{
    return matchHits(int(ref.size()), int(est.size()), [&](int r, int e) {
        const NoteEvent &a = ref[size_t(r)], &b = est[size_t(e)];
        if (!within(around4(std::abs(a.onset - b.onset)), rules.onsetTolerance, rules.strict))
            return false;
        const double cents = std::abs(1200.0 * (std::log2(a.pitchHz) - std::log2(b.pitchHz)));
        if (!within(cents, rules.pitchToleranceCents, rules.strict))
            return false;
        return !rules.offsetRatio
               || offsetHit(a, b, *rules.offsetRatio, rules.offsetMinTolerance, rules.strict);
    });
}

NoteScores noteScores(const std::vector<NoteEvent> &ref, const std::vector<NoteEvent> &est,
                      const NoteMatchRules &rules)
{
    if (ref.empty() || est.empty())
        return {};
    const auto matching = matchNotes(ref, est, rules);
    NoteScores s = scoresOf(matching, ref.size(), est.size());
    double sum = 0.0;
    for (const auto &[r, e] : matching) {
        const NoteEvent &a = ref[size_t(r)], &b = est[size_t(e)];
        sum += (std::min(a.offset, b.offset) - std::max(a.onset, b.onset))
               / (std::max(a.offset, b.offset) - std::min(a.onset, b.onset));
    }
    s.averageOverlap = matching.empty() ? 0.0 : sum / double(matching.size());
    return s;
}

NoteScores onsetScores(const std::vector<NoteEvent> &ref, const std::vector<NoteEvent> &est,
                       double onsetTolerance)
{
    if (ref.empty() || est.empty())
        return {};
    return scoresOf(matchHits(int(ref.size()), int(est.size()), [&](int r, int e) {
                        return within(around4(std::abs(ref[size_t(r)].onset - est[size_t(e)].onset)),
                                      onsetTolerance, false);
                    }),
                    ref.size(), est.size());
}

NoteScores offsetScores(const std::vector<NoteEvent> &ref, const std::vector<NoteEvent> &est,
                        double offsetRatio, double offsetMinTolerance)
{
    if (ref.empty() || est.empty())
        return {};
    return scoresOf(matchHits(int(ref.size()), int(est.size()), [&](int r, int e) {
                        return offsetHit(ref[size_t(r)], est[size_t(e)], offsetRatio,
                                         offsetMinTolerance, false);
                    }),
                    ref.size(), est.size());
}

std::vector<NoteEvent> noteEvents(const sdk::NoteSequence &notes)
{
    std::vector<NoteEvent> out;
    out.reserve(notes.notes.size());
    for (const auto &n : notes.notes)
        out.push_back({n.start, n.start + n.duration, 440.0 * std::pow(2.0, (n.pitch - 69) / 12.0)});
    return out;
}

PitchFrames pitchFrames(const std::vector<NoteEvent> &notes, double hop, double duration)
{
    if (duration <= 0.0)
        for (const auto &n : notes)
            duration = std::max(duration, n.offset);
    PitchFrames f;
    for (int64_t k = 0; double(k) * hop < duration; ++k) {
        const double t = double(k) * hop;
        f.times.push_back(t);
        std::vector<double> sounding;
        for (const auto &n : notes)
            if (n.onset <= t && t < n.offset)
                sounding.push_back(n.pitchHz);
        f.frequencies.push_back(std::move(sounding));
    }
    return f;
}

MultiPitchScores multiPitchScores(const PitchFrames &reference, const PitchFrames &estimate)
{
    const std::vector<std::vector<double>> estFreqs = timesClose(estimate.times, reference.times)
        ? estimate.frequencies : resampleTo(estimate, reference.times);

    FrameCounts plain, chroma;
    for (size_t i = 0; i < reference.times.size(); ++i) {
        std::vector<double> r, e, rc, ec;
        for (double hz : reference.frequencies[i]) {
            r.push_back(midiOf(hz));
            rc.push_back(pyMod(r.back(), 12.0));
        }
        for (double hz : estFreqs[i]) {
            e.push_back(midiOf(hz));
            ec.push_back(pyMod(e.back(), 12.0));
        }
        const double tp = double(matchHits(int(r.size()), int(e.size()), [&](int a, int b) {
            return e[size_t(b)] - 0.5 <= r[size_t(a)] && r[size_t(a)] <= e[size_t(b)] + 0.5;
        }).size());
        const double tpc = double(matchHits(int(rc.size()), int(ec.size()), [&](int a, int b) {
            const double d = std::abs(pyMod(rc[size_t(a)], 12.0) - pyMod(ec[size_t(b)], 12.0));
            return std::min(d, 12.0 - d) <= 0.5;
        }).size());
        for (FrameCounts *c : {&plain, &chroma}) {
            c->nRef.push_back(double(r.size()));
            c->nEst.push_back(double(e.size()));
        }
        plain.tp.push_back(tp);
        chroma.tp.push_back(tpc);
    }
    MultiPitchScores s;
    accuracyAndErrors(plain, &s.precision, &s.recall, &s.accuracy, &s.substitutionError,
                      &s.missError, &s.falseAlarmError, &s.totalError);
    accuracyAndErrors(chroma, &s.chromaPrecision, &s.chromaRecall, &s.chromaAccuracy,
                      &s.chromaSubstitutionError, &s.chromaMissError, &s.chromaFalseAlarmError,
                      &s.chromaTotalError);
    return s;
}

} // namespace mirstudio::toolkit
