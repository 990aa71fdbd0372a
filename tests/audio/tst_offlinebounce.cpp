// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/engine.h"
#include "core/audio/offlinebounce.h"
#include "core/audio/planbuilder.h"
#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"

#include "enginetestutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace mirstudio;
using namespace enginetest;

namespace {

struct Expected
{
    std::vector<double> left, right;
};

/** The reference mix computed independently in double: sum of clips x clip gain x track gain x pan. */
Expected referenceMix(const SessionData &s, const std::map<QString, media::AudioData> &audio,
                      std::int64_t frames)
{
    Expected e{std::vector<double>(std::size_t(frames)), std::vector<double>(std::size_t(frames))};
    const bool anySolo = std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track &t) { return t.solo; });
    for (const Track &t : s.tracks) {
        if (t.mute || (anySolo && !t.solo))
            continue;
        const double g = std::pow(10.0, t.gainDb / 20.0);
        const double theta = (std::clamp(t.pan, -1.0, 1.0) + 1.0) * std::numbers::pi / 4.0;
        const double gl = g * std::cos(theta), gr = g * std::sin(theta);
        for (const Clip &c : t.clips) {
            const auto &a = audio.at(c.source.toString());
            const double cg = std::pow(10.0, c.gainDb / 20.0);
            for (std::int64_t i = 0; i < c.length; ++i) {
                const std::int64_t tl = c.start + i, src = c.offset + i;
                if (tl >= frames || src >= a.frames())
                    break;
                const double l = a.channels[0][std::size_t(src)];
                const double r = a.channels.size() > 1 ? a.channels[1][std::size_t(src)] : l;
                e.left[std::size_t(tl)] += cg * l * gl;
                e.right[std::size_t(tl)] += cg * r * gr;
            }
        }
    }
    return e;
}

double maxError(const media::AudioData &got, const Expected &e)
{
    if (got.frames() != std::int64_t(e.left.size()))
        return 1e9;
    double m = 0;
    for (std::size_t i = 0; i < e.left.size(); ++i) {
        m = std::max(m, std::fabs(got.channels[0][i] - e.left[i]));
        m = std::max(m, std::fabs(got.channels[1][i] - e.right[i]));
    }
    return m;
}

OfflineBounce::Options noSynth(std::int64_t start = 0, std::int64_t end = -1)
{
    OfflineBounce::Options o;
    o.engine.synth = false;
    o.startFrame = start;
    o.endFrame = end;
    o.blockFrames = 300; // not a divisor of anything below: clips start and end inside blocks
    return o;
}

} // namespace

class TestOfflineBounce : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SessionData m_session;
    std::map<QString, media::AudioData> m_audio;
    SourceId m_mono, m_stereo, m_third;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_session.sampleRate = 44100;
        auto a = addSource(m_session, m_dir, 1, 1, 5000, &m_mono);
        m_audio[m_mono.toString()] = a;
        a = addSource(m_session, m_dir, 2, 2, 7000, &m_stereo);
        m_audio[m_stereo.toString()] = a;
        a = addSource(m_session, m_dir, 3, 1, 3000, &m_third);
        m_audio[m_third.toString()] = a;
    }

    void sumOfSourcesTimesGains()
    {
        // GIVEN a mono clip at -6 dB centred, a stereo clip (offset 1000, clip gain -2 dB) at
        // +3 dB panned half left starting at frame 777, and a clip longer than its source
        SessionData s = m_session;
        s.tracks.push_back(audioTrack(m_mono, 0, 0, 5000, -6.0));
        Track st = audioTrack(m_stereo, 777, 1000, 4000, 3.0);
        st.pan = -0.5;
        st.clips[0].gainDb = -2.0;
        s.tracks.push_back(st);
        s.tracks.push_back(audioTrack(m_third, 6000, 500, 9999, 0.0));
        // WHEN the session is bounced offline
        PlanBuilder builder;
        const auto plan = builder.build(s);
        const media::AudioData out = OfflineBounce::render(plan, noSynth());
        // THEN it lasts to the last clip end and equals the reference mix within 1e-6
        QCOMPARE(plan->length, std::int64_t(6000 + 9999));
        const Expected e = referenceMix(s, m_audio, out.frames());
        QVERIFY2(maxError(out, e) < 1e-6, qPrintable(QString::number(maxError(out, e))));
        // AND the third clip stops where its source ends (2500 source frames after offset 500)
        QCOMPARE(out.channels[0][6000 + 2500], 0.0f);
        QVERIFY(std::fabs(out.channels[0][6000 + 2499]) > 0.0f);
    }

    void muteAndSolo_data()
    {
        QTest::addColumn<bool>("muteA");
        QTest::addColumn<bool>("soloA");
        QTest::addColumn<bool>("muteB");
        QTest::addColumn<bool>("soloB");
        QTest::newRow("none") << false << false << false << false;
        QTest::newRow("mute A") << true << false << false << false;
        QTest::newRow("solo B") << false << false << false << true;
        QTest::newRow("solo both, mute B") << false << true << true << true;
        QTest::newRow("mute all") << true << false << true << false;
    }

    void muteAndSolo()
    {
        // GIVEN two overlapping tracks with the mute/solo flags of the row
        QFETCH(bool, muteA);
        QFETCH(bool, soloA);
        QFETCH(bool, muteB);
        QFETCH(bool, soloB);
        SessionData s = m_session;
        Track a = audioTrack(m_mono, 0, 0, 3000);
        a.mute = muteA;
        a.solo = soloA;
        Track b = audioTrack(m_stereo, 100, 0, 3000);
        b.mute = muteB;
        b.solo = soloB;
        s.tracks = {a, b};
        // WHEN bounced
        PlanBuilder builder;
        const media::AudioData out = OfflineBounce::render(builder.build(s), noSynth());
        // THEN only the audible tracks are in the mix (solo wins, mute silences a soloed track)
        const Expected e = referenceMix(s, m_audio, out.frames());
        QVERIFY(maxError(out, e) < 1e-6);
        const bool silent = (muteA || (soloB && !soloA)) && muteB;
        QCOMPARE(out.peak() == 0.0f, silent);
    }

    void panLaw_data()
    {
        QTest::addColumn<double>("pan");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::newRow("hard left") << -1.0 << 1.0 << 0.0;
        QTest::newRow("centre -3 dB") << 0.0 << std::sqrt(0.5) << std::sqrt(0.5);
        QTest::newRow("hard right") << 1.0 << 0.0 << 1.0;
        QTest::newRow("half right") << 0.5 << std::cos(3 * std::numbers::pi / 8) << std::sin(3 * std::numbers::pi / 8);
        QTest::newRow("out of range clamps") << 7.0 << 0.0 << 1.0;
    }

    void panLaw()
    {
        // GIVEN a mono clip on a track panned as in the row
        QFETCH(double, pan);
        QFETCH(double, left);
        QFETCH(double, right);
        SessionData s = m_session;
        Track t = audioTrack(m_mono, 0, 0, 2000);
        t.pan = pan;
        s.tracks = {t};
        // WHEN bounced
        PlanBuilder builder;
        const media::AudioData out = OfflineBounce::render(builder.build(s), noSynth());
        // THEN each side is the source times the constant-power gain of that side
        const auto &src = m_audio.at(m_mono.toString());
        for (std::size_t i = 0; i < 2000; i += 7) {
            QVERIFY(std::fabs(out.channels[0][i] - src.channels[0][i] * left) < 1e-6);
            QVERIFY(std::fabs(out.channels[1][i] - src.channels[0][i] * right) < 1e-6);
        }
    }

    void timeRangeIsASliceOfTheWhole()
    {
        // GIVEN two tracks
        SessionData s = m_session;
        s.tracks = {audioTrack(m_mono, 0, 0, 5000, -1.0), audioTrack(m_stereo, 2000, 10, 5000)};
        PlanBuilder builder;
        const auto plan = builder.build(s);
        // WHEN the whole and the range [1234, 4321) are bounced
        const media::AudioData whole = OfflineBounce::render(plan, noSynth());
        const media::AudioData part = OfflineBounce::render(plan, noSynth(1234, 4321));
        // THEN the range equals the same frames of the whole, sample for sample
        QCOMPARE(part.frames(), std::int64_t(4321 - 1234));
        for (std::size_t c = 0; c < 2; ++c)
            for (std::int64_t i = 0; i < part.frames(); ++i)
                QCOMPARE(part.channels[c][std::size_t(i)], whole.channels[c][std::size_t(1234 + i)]);
    }

    void loopWrapsInsideABlock()
    {
        // GIVEN a plan with the loop [1000, 1600) and the engine looping from frame 900
        SessionData s = m_session;
        s.tracks = {audioTrack(m_mono, 0, 0, 5000), audioTrack(m_stereo, 0, 0, 5000, -3.0)};
        s.loop = {1000, 1600, true};
        PlanBuilder builder;
        const auto plan = builder.build(s);
        QVERIFY(plan->loopEnabled);
        const media::AudioData whole = OfflineBounce::render(plan, noSynth());
        Engine engine(noSynth().engine);
        engine.prepare(s.sampleRate, 256);
        engine.setPlan(plan);
        engine.setLoopEnabled(true);
        engine.seek(900);
        engine.play();
        // WHEN 3000 frames are processed in blocks of 256 (the loop end falls inside blocks)
        std::vector<float> l(3000), r(3000);
        for (int done = 0; done < 3000; done += 250) {
            float *ptrs[2] = {l.data() + done, r.data() + done};
            engine.process(nullptr, 0, ptrs, 2, 250);
        }
        // THEN the output is 900..1599 followed by 1000..1599 again and again
        std::int64_t pos = 900;
        for (std::size_t i = 0; i < 3000; ++i) {
            QCOMPARE(l[i], whole.channels[0][std::size_t(pos)]);
            QCOMPARE(r[i], whole.channels[1][std::size_t(pos)]);
            pos = pos + 1 == 1600 ? 1000 : pos + 1;
        }
        QCOMPARE(engine.playhead(), pos);
        QVERIFY(engine.isLooping());
    }

    void missingMediaFileNamesIt()
    {
        // GIVEN a session whose source file has been deleted
        SessionData s = m_session;
        auto gone = std::make_shared<MediaSource>(*s.pool.source(m_third));
        gone->id = SourceId::create();
        gone->path = m_dir.filePath(QStringLiteral("deleted.wav"));
        s.pool.add(gone);
        s.tracks = {audioTrack(gone->id, 0, 0, 100)};
        // WHEN it is rendered to a file THEN a MediaError names the missing file
        try {
            OfflineBounce::renderToFile(s, m_dir.filePath(QStringLiteral("out.wav")), noSynth());
            QFAIL("no error for a missing media file");
        } catch (const media::MediaError &e) {
            QVERIFY(e.text().contains(QStringLiteral("deleted.wav")));
            QVERIFY(e.text().contains(QStringLiteral("missing")));
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out.wav"))));
    }

    void renderToFileWritesTheMix()
    {
        // GIVEN one track WHEN rendered to a float WAV file
        SessionData s = m_session;
        s.tracks = {audioTrack(m_mono, 10, 0, 1000, -6.0)};
        const QString path = m_dir.filePath(QStringLiteral("mix.wav"));
        const auto frames = OfflineBounce::renderToFile(s, path, noSynth());
        // THEN the file holds the same stereo mix at the session rate
        QCOMPARE(frames, std::int64_t(1010));
        const media::AudioData back = media::readAudio(path);
        QCOMPARE(back.sampleRate, 44100);
        QCOMPARE(back.channelCount(), 2);
        QCOMPARE(back.frames(), std::int64_t(1010));
        const Expected e = referenceMix(s, m_audio, 1010);
        QVERIFY(maxError(back, e) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestOfflineBounce)
#include "tst_offlinebounce.moc"
