// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's A/B/X audition of a stem group (mix / original only / one stem only, crossfaded)
// and the BS.1770 loudness that matches their levels, with known-answer synthetic signals.
#include "core/audio/engine.h"
#include "core/audio/loudnessmeter.h"
#include "core/audio/planbuilder.h"

#include "enginetestutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace mirstudio;
using namespace enginetest;

namespace {

constexpr int kRate = 48000;
constexpr float kCentre = 0.70710678f; // constant-power pan gain at the centre

media::AudioData sine(int channels, double seconds, double hz, double amplitude, int rate = kRate)
{
    auto a = media::AudioData::silence(channels, std::int64_t(seconds * rate), rate);
    for (auto &ch : a.channels)
        for (std::size_t i = 0; i < ch.size(); ++i)
            ch[i] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / rate));
    return a;
}

/** Renders `frames` frames in 256-frame blocks into a stereo AudioData. */
media::AudioData render(Engine &engine, std::int64_t frames)
{
    auto out = media::AudioData::silence(2, frames, kRate);
    for (std::int64_t done = 0; done < frames; done += 256) {
        const int n = int(std::min<std::int64_t>(256, frames - done));
        float *ptrs[2] = {out.channels[0].data() + done, out.channels[1].data() + done};
        engine.process(nullptr, 0, ptrs, 2, n);
    }
    return out;
}

double dbToGain(double db)
{
    return std::pow(10.0, db / 20.0);
}

} // namespace

class TestEngineAudition : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loudnessKnownAnswers()
    {
        // GIVEN 997 Hz sines (BS.1770's reference tone) of 5 s
        // WHEN one at 0 dBFS is measured on the left channel only
        auto leftOnly = sine(2, 5.0, 997.0, 1.0);
        std::fill(leftOnly.channels[1].begin(), leftOnly.channels[1].end(), 0.0f);
        // THEN it reads -3.01 LUFS (the standard's calibration), and on both channels 0 LUFS
        QVERIFY(std::abs(LoudnessMeter::integratedLoudness(leftOnly) + 3.01) < 0.05);
        QVERIFY(std::abs(LoudnessMeter::integratedLoudness(sine(2, 5.0, 997.0, 1.0))) < 0.05);
        // AND half the amplitude is 6.02 dB quieter, also at 44.1 kHz (rate-derived filters)
        const double half = LoudnessMeter::integratedLoudness(sine(2, 5.0, 997.0, 0.5, 44100));
        QVERIFY2(std::abs(half + 6.02) < 0.05, qPrintable(QString::number(half)));
        // AND a mono signal counts as played on both channels, as the engine plays it
        QVERIFY(std::abs(LoudnessMeter::integratedLoudness(sine(1, 5.0, 997.0, 1.0))) < 0.05);
        // AND a 40 Hz tone reads far quieter than 997 Hz at the same level (K-weighting's high pass)
        QVERIFY(LoudnessMeter::integratedLoudness(sine(2, 5.0, 40.0, 1.0)) < -0.5);
        // AND silence, and a signal shorter than one 400 ms block, are handled
        QVERIFY(std::isinf(LoudnessMeter::integratedLoudness(media::AudioData::silence(2, kRate, kRate))));
        QVERIFY(std::abs(LoudnessMeter::integratedLoudness(sine(2, 0.2, 997.0, 1.0))) < 0.1);
    }

    void matchingAttenuatesTheLouder()
    {
        double a = 1, b = 1;
        LoudnessMeter::matchingGains(-10.0, -20.0, a, b);
        QCOMPARE(a, -10.0);
        QCOMPARE(b, 0.0);
        LoudnessMeter::matchingGains(-30.0, -20.0, a, b);
        QCOMPARE(a, 0.0);
        QCOMPARE(b, -10.0);
        LoudnessMeter::matchingGains(-std::numeric_limits<double>::infinity(), -20.0, a, b);
        QCOMPARE(a, 0.0);
        QCOMPARE(b, 0.0);
    }

    void switchSelectsTheSignalAtMatchedLoudness()
    {
        // GIVEN a stem group of two mono stems (a 220 Hz sine at 0.2, a 660 Hz sine at 0.1)
        // separated from a stereo original (their sum plus 0.1 of 1.5 kHz), and another track
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SessionData s;
        s.sampleRate = kRate;
        const auto stem0 = sine(1, 3.0, 220.0, 0.2), stem1 = sine(1, 3.0, 660.0, 0.1);
        auto original = sine(2, 3.0, 1500.0, 0.1);
        for (auto &ch : original.channels)
            for (std::size_t i = 0; i < ch.size(); ++i)
                ch[i] += stem0.channels[0][i] + stem1.channels[0][i];
        SourceId s0, s1, orig, other;
        addAudio(s, dir, QStringLiteral("stem0"), stem0, &s0);
        addAudio(s, dir, QStringLiteral("stem1"), stem1, &s1);
        addAudio(s, dir, QStringLiteral("original"), original, &orig);
        const auto otherData = addSource(s, dir, 7, 2, 3 * kRate, &other);
        s.tracks.push_back(audioTrack(other, 0, 0, 3 * kRate));
        s.tracks.push_back(stemGroup({s0, s1}, orig));
        PlanBuilder builder;
        const auto plan = builder.build(s);
        QCOMPARE(plan->tracks[1].stems.size(), std::size_t(2));
        QVERIFY(plan->tracks[1].original.audio);
        Engine::Options o;
        o.synth = false;
        Engine engine(o);
        engine.prepare(kRate, 256);
        engine.setPlan(plan);
        engine.play();
        // WHEN the normal mix plays, THEN it is the other track plus both stems
        const auto mix = render(engine, 4800);
        for (std::int64_t i = 0; i < 4800; i += 37) {
            const float expected = kCentre * (otherData.channels[0][i] + stem0.channels[0][i] + stem1.channels[0][i]);
            QVERIFY(std::abs(mix.channels[0][i] - expected) < 1e-5f);
        }
        // WHEN stem 0 (A) is auditioned at the gain matching it to the original (B), off the audio thread
        const double lufsStem = LoudnessMeter::integratedLoudness(stem0);
        const double lufsOrig = LoudnessMeter::integratedLoudness(original);
        double gainA = 0, gainB = 0;
        LoudnessMeter::matchingGains(lufsStem, lufsOrig, gainA, gainB);
        QVERIFY(gainB < -1.0); // the original is the louder one
        const AuditionSource a{AuditionSource::Kind::Stem, 1, 0, float(dbToGain(gainA))};
        QVERIFY(engine.setAudition(a));
        const std::int64_t at = engine.playhead();
        const auto heardA = render(engine, 2 * kRate / 5);
        // THEN the engine reports it, and after the 10 ms crossfade only stem 0 sounds (the other track is silent)
        QCOMPARE(engine.audition(), a);
        const int fade = int(Engine::kAuditionFadeSeconds * kRate);
        for (std::int64_t i = fade; i < heardA.frames(); i += 29)
            QVERIFY(std::abs(heardA.channels[1][i] - kCentre * float(dbToGain(gainA)) * stem0.channels[0][at + i]) < 1e-5f);
        // AND during the fade the mix goes down linearly while the stem comes up (no step)
        for (int i = 0; i < fade; ++i) {
            const std::size_t k = std::size_t(at + i);
            const float r = float(i + 1) / float(fade);
            const float mixed = kCentre * (otherData.channels[0][k] + stem0.channels[0][k] + stem1.channels[0][k]);
            const float expected = (1.0f - r) * mixed + r * kCentre * float(dbToGain(gainA)) * stem0.channels[0][k];
            QVERIFY2(std::abs(heardA.channels[0][i] - expected) < 1e-5f, qPrintable(QString::number(i)));
        }
        // WHEN the original (B) is auditioned at its matching gain
        QVERIFY(engine.setAudition({AuditionSource::Kind::Original, 1, -1, float(dbToGain(gainB))}));
        const std::int64_t atB = engine.playhead();
        const auto heardB = render(engine, 2 * kRate / 5);
        for (std::int64_t i = fade; i < heardB.frames(); i += 31)
            QVERIFY(std::abs(heardB.channels[0][i] - kCentre * float(dbToGain(gainB)) * original.channels[0][atB + i]) < 1e-5f);
        // THEN what is heard of A and of B has the same loudness (after the fades)
        auto trimmed = [&](const media::AudioData &x) {
            auto y = x;
            for (auto &ch : y.channels)
                ch.erase(ch.begin(), ch.begin() + fade);
            return y;
        };
        const double heardLufsA = LoudnessMeter::integratedLoudness(trimmed(heardA));
        const double heardLufsB = LoudnessMeter::integratedLoudness(trimmed(heardB));
        QVERIFY2(std::abs(heardLufsA - heardLufsB) < 0.1,
                 qPrintable(QStringLiteral("%1 vs %2 LUFS").arg(heardLufsA).arg(heardLufsB)));
        // WHEN the mix is selected again THEN, after the fade, everything plays as before
        QVERIFY(engine.setAudition({}));
        const std::int64_t atMix = engine.playhead();
        const auto back = render(engine, 2048);
        for (std::int64_t i = fade; i < 2048; i += 41) {
            const std::size_t k = std::size_t(atMix + i);
            const float expected = kCentre * (otherData.channels[1][k] + stem0.channels[0][k] + stem1.channels[0][k]);
            QVERIFY(std::abs(back.channels[1][i] - expected) < 1e-5f);
        }
    }

    void stemGroupMixFollowsLaneMuteSoloAndGain()
    {
        // GIVEN a stem group whose stem 0 is soloed at -6 dB
        QTemporaryDir dir;
        SessionData s;
        s.sampleRate = kRate;
        SourceId s0, s1, orig;
        const auto d0 = addSource(s, dir, 1, 1, kRate, &s0);
        addSource(s, dir, 2, 1, kRate, &s1);
        addSource(s, dir, 3, 2, kRate, &orig);
        s.tracks.push_back(stemGroup({s0, s1}, orig));
        s.tracks.back().stems[0].solo = true;
        s.tracks.back().stems[0].gainDb = -6.0;
        PlanBuilder builder;
        const auto plan = builder.build(s);
        // THEN the plan plays stem 0 only, at -6 dB, and keeps both stems for the audition
        QCOMPARE(plan->tracks[0].clips.size(), std::size_t(1));
        QCOMPARE(plan->tracks[0].stems.size(), std::size_t(2));
        QCOMPARE(plan->length, std::int64_t(kRate));
        Engine::Options o;
        o.synth = false;
        Engine engine(o);
        engine.prepare(kRate, 256);
        engine.setPlan(plan);
        engine.play();
        const auto out = render(engine, 1024);
        for (int i = 0; i < 1024; i += 13)
            QVERIFY(std::abs(out.channels[0][i] - kCentre * PlaybackPlan::dbToGain(-6.0) * d0.channels[0][i]) < 1e-5f);
    }
};

QTEST_GUILESS_MAIN(TestEngineAudition)
#include "tst_engine_audition.moc"
