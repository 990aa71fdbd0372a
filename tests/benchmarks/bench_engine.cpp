// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: the engine callback's cost as a fraction of the period budget (frames / rate),
// with 16 stereo audio stems plus the General MIDI synth playing the demo session's MIDI tracks, at 64,
// 128 and 256 frames per period and 48 kHz, while a compute thread loads the other core.
// Baseline measured in the same run: the same callback with the synth off and no clips (the
// engine's fixed cost), so the ratio says what the mix itself costs.
// Usage: bench_engine [seconds-per-case] [out.md]   (writes a Markdown table)
#include "core/audio/engine.h"
#include "core/audio/planbuilder.h"
#include "tests/benchmarks/benchsession.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

using namespace mirstudio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRate = 48000;

struct Stats
{
    double mean = 0, p99 = 0, max = 0; // fractions of the period budget
    std::int64_t overBudget = 0;
    std::int64_t blocks = 0;
    double rms = 0;      // of the output, to show the mix really plays
    bool synth = false;  // whether the SoundFont loaded
};

Stats run(const std::shared_ptr<const PlaybackPlan> &plan, bool synth, int frames, double seconds)
{
    Engine::Options o;
    o.synth = synth;
    Engine engine(o);
    engine.prepare(kRate, frames);
    engine.setPlan(plan);
    engine.setLoopEnabled(true);
    engine.play();
    std::vector<float> l(static_cast<std::size_t>(frames));
    std::vector<float> r(static_cast<std::size_t>(frames));
    float *out[2] = {l.data(), r.data()};
    const double budget = double(frames) / kRate;
    const auto blocks = std::int64_t(seconds * kRate / frames);
    std::vector<double> cost;
    cost.reserve(std::size_t(blocks));
    for (int warm = 0; warm < 50; ++warm)
        engine.process(nullptr, 0, out, 2, frames);
    double energy = 0;
    for (std::int64_t b = 0; b < blocks; ++b) {
        const auto t0 = Clock::now();
        engine.process(nullptr, 0, out, 2, frames);
        cost.push_back(std::chrono::duration<double>(Clock::now() - t0).count() / budget);
        for (float v : l)
            energy += double(v) * v;
    }
    Stats st;
    st.rms = std::sqrt(energy / double(blocks * frames));
    st.synth = engine.synthLoaded();
    st.blocks = blocks;
    for (double c : cost) {
        st.mean += c;
        st.overBudget += c > 1.0;
    }
    st.mean /= double(cost.size());
    std::sort(cost.begin(), cost.end());
    st.p99 = cost[std::size_t(double(cost.size() - 1) * 0.99)];
    st.max = cost.back();
    engine.release();
    return st;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;
    const QString outPath = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    QTemporaryDir dir;
    PlanBuilder builder;
    const auto full = builder.build(benchSession(dir, 16, true, kRate));
    const auto empty = builder.build(benchSession(dir, 0, false, kRate));

    CoreLoad load; // the other core is busy, as when a model runs beside playback

    QString table;
    QTextStream t(&table);
    t << "| frames | budget ms | baseline mean % | 16 stems + synth mean % | p99 % | max % | ratio mean/baseline | blocks over budget | output RMS | synth |\n"
      << "|---|---|---|---|---|---|---|---|---|---|\n";
    for (int frames : {64, 128, 256}) {
        const Stats base = run(empty, false, frames, seconds);
        const Stats st = run(full, true, frames, seconds);
        t << "| " << frames << " | " << QString::number(1000.0 * frames / kRate, 'f', 2) << " | "
          << QString::number(100 * base.mean, 'f', 2) << " | " << QString::number(100 * st.mean, 'f', 2)
          << " | " << QString::number(100 * st.p99, 'f', 2) << " | " << QString::number(100 * st.max, 'f', 1)
          << " | " << QString::number(st.mean / std::max(1e-9, base.mean), 'f', 1) << " | "
          << st.overBudget << " of " << st.blocks << " | " << QString::number(st.rms, 'f', 4) << " | "
          << (st.synth ? "loaded" : "NOT loaded") << " |\n";
    }
    QTextStream(stdout) << table;
    if (!outPath.isEmpty()) {
        QFile f(outPath);
        if (f.open(QIODevice::WriteOnly | QIODevice::Text))
            f.write(table.toUtf8());
    }
    return 0;
}
