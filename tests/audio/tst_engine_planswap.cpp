// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/engine.h"
#include "core/audio/planbuilder.h"

#include "enginetestutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace mirstudio;
using namespace enginetest;

namespace {

/** Records on which thread each plan was freed (guarded: the deleter may run on any thread). */
struct FreeLog
{
    std::mutex mutex;
    std::vector<std::thread::id> threads;
};

} // namespace

class TestEnginePlanSwap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void swapWhilePlaying()
    {
        // GIVEN a playing engine driven by an "audio" thread that calls process() for a second
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SessionData s;
        s.sampleRate = 48000;
        SourceId a;
        addSource(s, dir, 1, 2, 48000, &a);
        s.tracks.push_back(audioTrack(a, 0, 0, 48000));
        s.loop = {0, 48000, true};
        PlanBuilder builder;
        const auto base = builder.build(s);
        FreeLog log;
        auto makePlan = [&](double gain) {
            auto *p = new PlaybackPlan(*base);
            p->tracks[0].gainLeft = p->tracks[0].gainRight = float(gain);
            return std::shared_ptr<const PlaybackPlan>(p, [&log](const PlaybackPlan *q) {
                {
                    std::lock_guard<std::mutex> lock(log.mutex);
                    log.threads.push_back(std::this_thread::get_id());
                }
                delete q;
            });
        };
        Engine::Options o;
        o.synth = false;
        Engine engine(o);
        engine.prepare(48000, 64);
        engine.setPlan(makePlan(1.0));
        engine.setLoopEnabled(true);
        engine.play();
        std::atomic<bool> run{true};
        std::atomic<std::uint64_t> blocks{0};
        std::atomic<bool> sawNonFinite{false};
        std::thread audio([&] {
            std::vector<float> l(64), r(64);
            float *out[2] = {l.data(), r.data()};
            while (run.load()) {
                engine.process(nullptr, 0, out, 2, 64);
                for (float x : l)
                    if (!std::isfinite(x) || std::fabs(x) > 2.0f)
                        sawNonFinite = true;
                blocks.fetch_add(1);
            }
        });
        // WHEN this thread publishes a new plan every 0.5 ms and collects garbage now and then
        std::vector<std::weak_ptr<const PlaybackPlan>> published;
        int freedByCollect = 0;
        bool freedEarly = false;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        int i = 0;
        while (std::chrono::steady_clock::now() < until) {
            auto p = makePlan(0.5 + 0.001 * (i % 100));
            published.push_back(p);
            engine.setPlan(std::move(p));
            // every previously published plan is either retired (alive) or collected
            {
                std::lock_guard<std::mutex> lock(log.mutex);
                if (int(log.threads.size()) != freedByCollect)
                    freedEarly = true;
            }
            if (++i % 20 == 0)
                freedByCollect += engine.collectGarbage();
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        run = false;
        audio.join();
        freedByCollect += engine.collectGarbage();
        // THEN nothing crashed, the audio thread kept running, the output stayed sane,
        QVERIFY(blocks.load() > 1000);
        QVERIFY(!sawNonFinite.load());
        QVERIFY(published.size() > 100);
        // AND plans were freed only by collectGarbage(), on this thread, all but the current one
        QVERIFY(!freedEarly);
        QCOMPARE(engine.retiredCount(), 0);
        std::lock_guard<std::mutex> lock(log.mutex);
        QCOMPARE(int(log.threads.size()), freedByCollect);
        QCOMPARE(int(log.threads.size()), int(published.size())); // the first plan + all but the last
        for (const auto &t : log.threads)
            QVERIFY(t == std::this_thread::get_id());
        QVERIFY(!published.back().expired());
    }

    void meterAndPlayheadReports()
    {
        // GIVEN an engine playing one track of a constant 0.25
        auto plan = std::make_shared<PlaybackPlan>();
        plan->sampleRate = 48000;
        auto audio = std::make_shared<media::AudioData>(media::AudioData::silence(1, 1000, 48000));
        std::fill(audio->channels[0].begin(), audio->channels[0].end(), 0.25f);
        PlaybackPlan::PlannedTrack t;
        t.gainLeft = 1.0f;
        t.gainRight = 0.5f;
        t.clips.push_back({audio, 0, 0, 1000, 1.0f});
        plan->tracks.push_back(t);
        plan->length = 1000;
        Engine::Options o;
        o.synth = false;
        Engine engine(o);
        engine.prepare(48000, 256);
        engine.setPlan(plan);
        std::vector<float> l(256), r(256);
        float *out[2] = {l.data(), r.data()};
        // WHEN it is stopped THEN process outputs silence and the playhead stays
        engine.process(nullptr, 0, out, 2, 256);
        QCOMPARE(engine.playhead(), std::int64_t(0));
        QVERIFY(!engine.isPlaying());
        QCOMPARE(l[10], 0.0f);
        // WHEN it plays two blocks
        engine.play();
        engine.process(nullptr, 0, out, 2, 256);
        engine.process(nullptr, 0, out, 2, 256);
        // THEN the playhead, playing state and peaks are reported, and a take resets the peak
        QCOMPARE(engine.playhead(), std::int64_t(512));
        QVERIFY(engine.isPlaying());
        QCOMPARE(l[0], 0.25f);
        QCOMPARE(r[0], 0.125f);
        QCOMPARE(engine.takeMasterPeak(0), 0.25f);
        QCOMPARE(engine.takeMasterPeak(1), 0.125f);
        QCOMPARE(engine.takeTrackPeak(0), 0.25f);
        QCOMPARE(engine.takeTrackPeak(0), 0.0f);
        QCOMPARE(engine.takeTrackPeak(999), 0.0f);
        // WHEN paused and then stopped
        engine.pause();
        engine.process(nullptr, 0, out, 2, 256);
        QCOMPARE(engine.playhead(), std::int64_t(512));
        QVERIFY(!engine.isPlaying());
        engine.stop();
        engine.process(nullptr, 0, out, 2, 256);
        // THEN pause keeps the playhead and stop returns it to 0
        QCOMPARE(engine.playhead(), std::int64_t(0));
        // AND an xrun reported by the device is counted; a plan at another rate plays silence
        engine.recordXrun();
        QCOMPARE(engine.xruns(), std::uint64_t(1));
        auto other = std::make_shared<PlaybackPlan>(*plan);
        other->sampleRate = 44100;
        engine.setPlan(other);
        engine.play();
        engine.process(nullptr, 0, out, 2, 256);
        QCOMPARE(l[0], 0.0f);
        QCOMPARE(engine.collectGarbage(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEnginePlanSwap)
#include "tst_engine_planswap.moc"
