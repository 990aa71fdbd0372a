// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: xruns over a long run through a real JACK server (private `jackd -d dummy`, realtime
// scheduling when permitted) and PortAudio, with the engine playing 16 stereo stems plus the
// General MIDI synth (the demo session's MIDI tracks, looped) at 48 kHz, while a compute thread
// loads the other core. Baseline in the same run: the same device and server with an empty
// session (so xruns caused by the machine, not the mix, show up there too).
// Usage: bench_jack_xruns [seconds-per-case] [period] [out.md]
#include "core/audio/audiodevice.h"
#include "core/audio/engine.h"
#include "core/audio/jackserver.h"
#include "core/audio/planbuilder.h"
#include "tests/benchmarks/benchsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QThread>

using namespace mirstudio;

namespace {

constexpr int kRate = 48000;

struct Result
{
    std::int64_t callbacks = 0, xruns = 0, overloads = 0;
    double seconds = 0;
    QString error;
};

Result play(const std::shared_ptr<const PlaybackPlan> &plan, int period, double seconds)
{
    Result r;
    Engine engine;
    engine.setPlan(plan);
    AudioDevice device;
    AudioDevice::Options o;
    o.sampleRate = kRate;
    o.framesPerBuffer = period;
    if (!device.open(&engine, o)) {
        r.error = device.status().message;
        return r;
    }
    engine.setLoopEnabled(true);
    engine.play();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000.0) {
        QCoreApplication::processEvents();
        QThread::msleep(50);
        engine.collectGarbage();
    }
    r.seconds = timer.elapsed() / 1000.0;
    const auto st = device.status();
    r.callbacks = st.callbacks;
    r.xruns = st.xruns;
    r.overloads = std::int64_t(engine.overloads());
    if (st.state != AudioDevice::State::Running)
        r.error = st.message;
    device.close();
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 120.0;
    const int period = argc > 2 ? std::atoi(argv[2]) : 128;
    const QString outPath = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    JackServer server({}, kRate, period);
    server.setRealtime(true);
    QString why;
    if (!server.start(&why)) {
        QTextStream(stderr) << "bench_jack_xruns: no JACK server: " << why << '\n';
        return 1;
    }
    server.exportToEnvironment();
    QTemporaryDir dir;
    PlanBuilder builder;
    const auto full = builder.build(benchSession(dir, 16, true, kRate));
    const auto empty = builder.build(benchSession(dir, 0, false, kRate));
    CoreLoad load;
    QString table;
    QTextStream t(&table);
    t << "| case | period | seconds | callbacks | xruns | engine blocks over budget | jackd realtime |\n"
      << "|---|---|---|---|---|---|---|\n";
    for (const auto &[name, plan] : {std::pair{"baseline: empty session", empty},
                                     std::pair{"16 stems + GM synth", full}}) {
        const Result r = play(plan, period, seconds);
        t << "| " << name << " | " << period << " | " << QString::number(r.seconds, 'f', 1) << " | "
          << r.callbacks << " | " << r.xruns << " | " << r.overloads << " | "
          << (server.isRealtime() ? "yes" : "no (fallback)") << " |";
        if (!r.error.isEmpty())
            t << " error: " << r.error;
        t << '\n';
    }
    server.stop();
    QTextStream(stdout) << table;
    if (!outPath.isEmpty()) {
        QFile f(outPath);
        if (f.open(QIODevice::WriteOnly | QIODevice::Text))
            f.write(table.toUtf8());
    }
    return 0;
}
