// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofilewriter.h"
#include "widgets/peakcache.h"
#include "widgets/waveformpeaks.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace mirstudio;
using namespace mirstudio::widgets;

class TstWaveformPeaks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyLevelAgreesWithTheSamples()
    {
        // GIVEN 200 000 frames of stereo noise (not a multiple of any bin)
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> u(-0.9f, 0.9f);
        auto audio = media::AudioData::silence(2, 200'001, 44100);
        for (auto &ch : audio.channels)
            for (float &v : ch)
                v = u(rng);
        // WHEN peaks are built in uneven chunks
        WaveformPeaks peaks(44100);
        media::AudioData chunk;
        for (std::int64_t at = 0; at < audio.frames(); at += 7777) {
            const std::int64_t n = std::min<std::int64_t>(7777, audio.frames() - at);
            chunk = media::AudioData::silence(2, n, 44100);
            for (int c = 0; c < 2; ++c)
                std::copy_n(audio.channels[c].begin() + at, n, chunk.channels[c].begin());
            peaks.append(chunk);
        }
        peaks.finish();
        QCOMPARE(peaks.frames(), audio.frames());
        // THEN for ranges aligned to each level's bins, min/max equal the samples' (int16 steps)
        for (int level = 0; level < WaveformPeaks::levelCount; ++level) {
            const std::int64_t w = WaveformPeaks::binFrames(level);
            const std::int64_t first = 3 * w, last = std::min<std::int64_t>(7 * w, audio.frames());
            if (first >= last)
                continue;
            float lo = 1, hi = -1;
            for (int c = 0; c < 2; ++c)
                for (std::int64_t i = first; i < last; ++i) {
                    lo = std::min(lo, audio.channels[c][i]);
                    hi = std::max(hi, audio.channels[c][i]);
                }
            const auto r = peaks.range(first, last, w);
            QVERIFY(r.valid);
            QVERIFY2(std::abs(r.min - lo) < 1.0f / 32767 && std::abs(r.max - hi) < 1.0f / 32767,
                     qPrintable(QStringLiteral("level %1").arg(level)));
        }
        // AND the last partial bin and empty ranges behave
        QVERIFY(peaks.range(audio.frames() - 1, audio.frames(), 1).valid);
        QVERIFY(!peaks.range(audio.frames(), audio.frames() + 10, 1).valid);
        QVERIFY(!peaks.range(10, 10, 1).valid);
    }

    void cacheBuildsFromFilesOnAWorker()
    {
        // GIVEN a WAV file and a broken path
        QTemporaryDir dir;
        const QString wav = dir.filePath(QStringLiteral("a.wav"));
        auto audio = media::AudioData::silence(1, 100'000, 48000);
        audio.channels[0][50'000] = 0.5f;
        media::writeAudio(wav, audio, {media::AudioContainer::Wav, media::AudioSampleFormat::Pcm16});
        PeakCache cache;
        QSignalSpy ready(&cache, &PeakCache::ready);
        QSignalSpy failed(&cache, &PeakCache::failed);
        // WHEN asking for both
        QVERIFY(!cache.peaks(wav));
        QVERIFY(!cache.peaks(dir.filePath(QStringLiteral("missing.wav"))));
        cache.waitForAll();
        // THEN one arrives with the file's peak, the other fails with a reason
        QCOMPARE(ready.count(), 1);
        QCOMPARE(failed.count(), 1);
        const auto p = cache.peaks(wav);
        QVERIFY(p);
        QCOMPARE(p->frames(), std::int64_t(100'000));
        QVERIFY(std::abs(p->range(0, 100'000, 100'000).max - 0.5f) < 1e-3f);
        QVERIFY(!cache.error(dir.filePath(QStringLiteral("missing.wav"))).isEmpty());
    }
};

QTEST_MAIN(TstWaveformPeaks)
#include "tst_waveformpeaks.moc"
