// SPDX-License-Identifier: GPL-3.0-or-later
// MIDI I/O through JACK MIDI on a private dummy server: our input port receives 20 notes sent
// by our output port (connected with jack_connect, and by name), in order, with the right
// pitch/velocity, stamped with the device playhead within one period of the send time;
// latency compensation shifts the stamps; listing survives the missing ALSA sequencer.

#include "core/audio/audiodevice.h"
#include "core/audio/audioprocessor.h"
#include "core/audio/jackserver.h"
#include "core/audio/midiports.h"
#include "rtfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace mirstudio;

namespace {

/** Outputs silence; the device's frame count is the playhead. */
class SilentProcessor : public AudioProcessor
{
public:
    void prepare(int, int) override {}
    void process(const float *const *, int, float *const *, int, int) noexcept override {}
};

constexpr int kPeriod = 256;
// JACK runs the clients of one cycle one after another: the MIDI input callback may read the
// playhead a fraction of a millisecond after the audio callback set it for the cycle.
constexpr int kCycleOrderSlack = 24; // 0.5 ms at 48 kHz

struct Sent
{
    int pitch;
    int velocity;
    std::int64_t stamp;
};

} // namespace

class TestRtMidi : public QObject
{
    Q_OBJECT

private:
    JackServer m_server;
    SilentProcessor m_silence;
    AudioDevice *m_device = nullptr;

    /** Sends 20 note-ons 15 ms apart from @p out; returns what was sent and when. */
    std::vector<Sent> sendNotes(MidiPorts &out, const MidiPorts &in)
    {
        std::vector<Sent> sent;
        for (int i = 0; i < 20; ++i) {
            const int pitch = 48 + i;
            const int velocity = 20 + 5 * i;
            const std::int64_t stamp = in.stampNow();
            if (!out.sendNoteOn(i % 16, pitch, velocity))
                return {};
            sent.push_back({pitch, velocity, stamp});
            QTest::qWait(15);
        }
        return sent;
    }

    std::vector<MidiPorts::Event> receive(MidiPorts &in, std::size_t count)
    {
        std::vector<MidiPorts::Event> events;
        QElapsedTimer timer;
        timer.start();
        while (events.size() < count && timer.elapsed() < 3000) {
            MidiPorts::Event e;
            while (in.readInput(e))
                events.push_back(e);
            if (events.size() < count)
                QTest::qWait(10);
        }
        return events;
    }

    void checkLoopback(MidiPorts &in, MidiPorts &out, int latency)
    {
        const std::vector<Sent> sent = sendNotes(out, in);
        QCOMPARE(int(sent.size()), 20);
        const std::vector<MidiPorts::Event> got = receive(in, sent.size());
        QCOMPARE(int(got.size()), 20);
        QCOMPARE(in.droppedEvents(), std::int64_t(0));
        std::int64_t maxDelay = 0;
        for (int i = 0; i < 20; ++i) {
            const MidiPorts::Event &e = got[std::size_t(i)];
            QCOMPARE(int(e.size), 3);
            QCOMPARE(int(e.bytes[0]), 0x90 | (i % 16));
            QCOMPARE(int(e.bytes[1]), sent[std::size_t(i)].pitch);
            QCOMPARE(int(e.bytes[2]), sent[std::size_t(i)].velocity);
            // the send stamp already had the latency subtracted too: compare like with like
            const std::int64_t delay = e.frame - sent[std::size_t(i)].stamp;
            QVERIFY2(delay >= -kCycleOrderSlack && delay <= kPeriod + kCycleOrderSlack,
                     qPrintable(QStringLiteral("note %1: arrived %2 frames after sending")
                                    .arg(i)
                                    .arg(delay)));
            if (i > 0)
                QVERIFY(e.frame >= got[std::size_t(i - 1)].frame);
            maxDelay = std::max(maxDelay, delay);
        }
        qInfo("input latency %d frames: largest send-to-stamp delay %lld frames", latency,
              static_cast<long long>(maxDelay));
    }

private Q_SLOTS:
    void initTestCase()
    {
        MIRSTUDIO_REQUIRE_JACK(m_server);
        m_device = new AudioDevice(this);
        AudioDevice::Options options;
        options.framesPerBuffer = kPeriod;
        QVERIFY2(m_device->open(&m_silence, options), qPrintable(m_device->status().message));
    }

    void cleanupTestCase()
    {
        if (m_device)
            m_device->close();
        m_server.stop();
    }

    void loopbackThroughJackConnect()
    {
        // GIVEN our input port stamped by the device playhead, and a virtual output port,
        //       connected with jack_connect
        MidiPorts in(QStringLiteral("mstest-a"));
        in.setPlayheadSource([d = m_device] { return d->playheadNow(); });
        QString error;
        QVERIFY2(in.openInput({}, &error), qPrintable(error));
        MidiPorts out(QStringLiteral("mstest-b"));
        QVERIFY2(out.openOutput({}, &error), qPrintable(error));
        QVERIFY(m_server.connectPorts(QStringLiteral("mstest-b_out:out"), in.inputPortName()));
        QTest::qWait(50);
        // WHEN 20 notes are sent THEN all arrive in order, intact, within one period
        checkLoopback(in, out, 0);
    }

    void loopbackByNameWithLatencyCompensation()
    {
        // GIVEN an input with 480 frames of input latency and an output opened on it by name
        MidiPorts in(QStringLiteral("mstest-c"));
        in.setPlayheadSource([d = m_device] { return d->playheadNow(); });
        in.setInputLatencyFrames(480);
        QString error;
        QVERIFY2(in.openInput({}, &error), qPrintable(error));
        MidiPorts out(QStringLiteral("mstest-d"));
        QVERIFY2(out.openOutput(in.inputPortName(), &error), qPrintable(error));
        QTest::qWait(50);
        // WHEN the playhead is read THEN stamps are 480 frames earlier than the playhead
        const std::int64_t head = m_device->playheadNow();
        const std::int64_t stamp = in.stampNow();
        QVERIFY(stamp <= head - 480 + kPeriod && stamp >= head - 480 - kPeriod);
        // AND 20 notes arrive in order within one period of the (compensated) send time
        checkLoopback(in, out, 480);
    }

    void listsPortsAndSurvivesMissingAlsa()
    {
        // GIVEN an open input port
        MidiPorts in(QStringLiteral("mstest-e"));
        QString error;
        QVERIFY2(in.openInput({}, &error), qPrintable(error));
        // AND an open virtual output port
        MidiPorts sender(QStringLiteral("mstest-h"));
        QVERIFY2(sender.openOutput({}, &error), qPrintable(error));
        // WHEN ports are listed THEN our input is a destination (outputPorts) and our output a
        //      source (inputPorts) on JACK; the ALSA sequencer failing is only a warning
        QStringList warnings;
        const QList<MidiPorts::Port> destinations = MidiPorts::outputPorts(&warnings);
        const QList<MidiPorts::Port> sources = MidiPorts::inputPorts(&warnings);
        bool foundIn = false;
        for (const MidiPorts::Port &p : destinations)
            foundIn = foundIn || (p.api == MidiPorts::Api::Jack && p.name == in.inputPortName());
        QVERIFY2(foundIn, qPrintable(in.inputPortName()));
        bool foundOut = false;
        for (const MidiPorts::Port &p : sources)
            foundOut = foundOut
                || (p.api == MidiPorts::Api::Jack && p.name == QStringLiteral("mstest-h_out:out"));
        QVERIFY(foundOut);
        // AND an unknown port name is a clear error
        MidiPorts out(QStringLiteral("mstest-f"));
        QVERIFY(!out.openOutput(QStringLiteral("nobody:nothing"), &error));
        QVERIFY2(error.contains(QStringLiteral("nobody:nothing")), qPrintable(error));
        QVERIFY(!out.sendNoteOn(0, 60, 100));
        QVERIFY(!in.openInput(QStringLiteral("nobody:nothing"), &error));
    }

    void noServerIsAClearError()
    {
        // GIVEN no JACK server
        m_device->close();
        m_server.stop();
        // WHEN ports are opened THEN they fail with a message, and listing does not crash
        MidiPorts ports(QStringLiteral("mstest-g"));
        QString error;
        QVERIFY(!ports.openInput({}, &error));
        QVERIFY2(error.contains(QStringLiteral("no JACK server")), qPrintable(error));
        QVERIFY(!ports.openOutput({}, &error));
        QVERIFY2(error.contains(QStringLiteral("no JACK server")), qPrintable(error));
        QStringList warnings;
        const QList<MidiPorts::Port> inputs = MidiPorts::inputPorts(&warnings);
        for (const MidiPorts::Port &p : inputs)
            QVERIFY(p.api != MidiPorts::Api::Jack);
        QVERIFY(!warnings.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRtMidi)
#include "tst_rt_midi.moc"
