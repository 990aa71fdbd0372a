// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/frequencyaxis.h"
#include "core/analysis/spectrogramcomputer.h"
#include "core/analysis/spectrogramtilecache.h"
#include "core/media/audiodata.h"
#include "core/media/audiofilewriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace mirstudio;

namespace {

std::shared_ptr<const media::AudioData> sine(double hz, double amplitude, int rate, std::int64_t frames,
                                             int channels = 1)
{
    auto audio = std::make_shared<media::AudioData>(media::AudioData::silence(channels, frames, rate));
    for (auto &ch : audio->channels)
        for (std::int64_t i = 0; i < frames; ++i)
            ch[std::size_t(i)] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / rate));
    return audio;
}

int peakBin(const SpectrogramTile &tile, int frame)
{
    int best = 0;
    for (int b = 1; b < tile.bins; ++b)
        if (tile.at(frame, b) > tile.at(frame, best))
            best = b;
    return best;
}

} // namespace

class TstSpectrogramTiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sineLandsInItsBinAtItsLevel_data()
    {
        QTest::addColumn<int>("window");
        QTest::newRow("hann") << int(SpectrogramParams::Window::Hann);
        QTest::newRow("hamming") << int(SpectrogramParams::Window::Hamming);
        QTest::newRow("blackman") << int(SpectrogramParams::Window::Blackman);
    }
    void sineLandsInItsBinAtItsLevel()
    {
        QFETCH(int, window);
        // GIVEN a 937.5 Hz sine (exactly bin 40 of a 2048-point FFT at 48 kHz), amplitude 0.5
        SpectrogramParams p;
        p.window = SpectrogramParams::Window(window);
        const auto audio = sine(937.5, 0.5, 48000, 48000, 2);
        // WHEN a frame in the middle of the signal is analysed (both channels mixed)
        SpectrogramComputer computer(p);
        const SpectrogramTile tile = computer.compute(*audio, 40, 1);
        // THEN the peak is bin 40 at -6.02 dB (20 log10 0.5)
        QCOMPARE(tile.frames, 1);
        QCOMPARE(tile.bins, 1025);
        QCOMPARE(peakBin(tile, 0), 40);
        QVERIFY2(std::abs(SpectrogramTile::db(tile.at(0, 40)) - (-6.0206f)) < 0.05f,
                 qPrintable(QString::number(SpectrogramTile::db(tile.at(0, 40)))));
        QCOMPARE(p.binHz(40, 48000), 937.5);
    }

    void selectedChannelIsAnalysedAlone()
    {
        // GIVEN a stereo signal with a sine on the right channel only
        auto audio = std::make_shared<media::AudioData>(*sine(937.5, 1.0, 48000, 16000, 2));
        std::fill(audio->channels[0].begin(), audio->channels[0].end(), 0.0f);
        SpectrogramParams left, right, mix;
        left.channel = 0;
        right.channel = 1;
        SpectrogramComputer l(left), r(right), m(mix);
        // WHEN each channel setting is analysed
        const float pl = l.compute(*audio, 10, 1).at(0, 40);
        const float pr = r.compute(*audio, 10, 1).at(0, 40);
        const float pm = m.compute(*audio, 10, 1).at(0, 40);
        // THEN left is silent, right reads 0 dB and the mean of both reads -6 dB
        QVERIFY(pl < 1e-12f);
        QVERIFY(std::abs(SpectrogramTile::db(pr)) < 0.05f);
        QVERIFY(std::abs(SpectrogramTile::db(pm) + 6.0206f) < 0.05f);
    }

    void tilesConcatenateSeamlessly()
    {
        // GIVEN a cache holding a chirp-like signal long enough for three tiles
        SpectrogramTileCache cache;
        const SourceId id = SourceId::create();
        SpectrogramParams p;
        p.windowSize = 1024;
        p.hop = 256;
        auto audio = sine(440.0, 0.8, 44100, 256 * 600, 1);
        cache.setSource(id, audio);
        QCOMPARE(cache.tileCount(id, p), 3);
        // WHEN tiles 0 and 1 are computed separately
        const auto t0 = cache.computeNow({id, p, 0});
        const auto t1 = cache.computeNow({id, p, 1});
        const auto t2 = cache.computeNow({id, p, 2});
        // THEN together they equal one straight run over the same frames, bit for bit
        SpectrogramComputer whole(p);
        const SpectrogramTile all = whole.compute(*audio, 0, 600);
        QCOMPARE(t0->frames + t1->frames + t2->frames, 600);
        QCOMPARE(t2->frames, 600 - 512);
        std::vector<float> joined = t0->power;
        joined.insert(joined.end(), t1->power.begin(), t1->power.end());
        joined.insert(joined.end(), t2->power.begin(), t2->power.end());
        QVERIFY(joined == all.power);
        QCOMPARE(t1->firstFrame, std::int64_t(256));
    }

    void cacheHitsDoNotRecompute()
    {
        // GIVEN a cache with one source
        SpectrogramTileCache cache;
        const SourceId id = SourceId::create();
        cache.setSource(id, sine(1000.0, 0.5, 48000, 48000 * 4));
        const SpectrogramTileKey key{id, SpectrogramParams{}, 1};
        // WHEN a tile is requested asynchronously
        QSignalSpy ready(&cache, &SpectrogramTileCache::tileReady);
        QVERIFY(!cache.tile(key));
        cache.tile(key); // a second request (pending, or just stored) queues nothing
        QVERIFY(ready.wait(5000));
        // THEN it was computed once, and later requests are hits
        QCOMPARE(cache.computeCount(), std::uint64_t(1));
        QCOMPARE(ready.first().at(1).toInt(), 1);
        QVERIFY(cache.tile(key));
        QVERIFY(cache.computeNow(key));
        QCOMPARE(cache.computeCount(), std::uint64_t(1));
        // AND other parameters are a different tile
        SpectrogramParams other;
        other.windowSize = 512;
        QVERIFY(cache.computeNow({id, other, 1}));
        QCOMPARE(cache.computeCount(), std::uint64_t(2));
    }

    void budgetEvictsLeastRecentlyUsed()
    {
        // GIVEN a budget of about two tiles
        SpectrogramParams p;
        const std::size_t tileBytes = std::size_t(p.bins()) * 256 * sizeof(float) + sizeof(SpectrogramTile);
        SpectrogramTileCache cache(tileBytes * 2 + 16);
        const SourceId id = SourceId::create();
        cache.setSource(id, sine(300.0, 0.5, 48000, 512 * 256 * 4));
        // WHEN tiles 0, 1 are cached, 0 is used again, then 2 arrives
        cache.computeNow({id, p, 0});
        cache.computeNow({id, p, 1});
        QVERIFY(cache.tile({id, p, 0}));
        cache.computeNow({id, p, 2});
        // THEN tile 1 (least recently used) was evicted and the budget holds
        QCOMPARE(cache.cachedTileCount(), 2);
        QVERIFY(cache.cached({id, p, 0}));
        QVERIFY(!cache.cached({id, p, 1}));
        QVERIFY(cache.bytesUsed() <= cache.byteBudget());
        // AND replacing the source drops its tiles
        cache.setSource(id, sine(300.0, 0.5, 48000, 1000));
        QCOMPARE(cache.cachedTileCount(), 0);
        QCOMPARE(cache.bytesUsed(), std::size_t(0));
    }

    void loadSourceDecodesFilesOnTheWorkers()
    {
        // GIVEN a WAV file with a sine, and a path that does not exist
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sine.wav"));
        media::writeAudio(path, *sine(937.5, 0.5, 48000, 24000), media::AudioWriteFormat{});
        SpectrogramTileCache cache;
        const SourceId good = SourceId::create(), bad = SourceId::create();
        QSignalSpy ready(&cache, &SpectrogramTileCache::sourceReady);
        QSignalSpy failed(&cache, &SpectrogramTileCache::loadFailed);
        // WHEN both are loaded
        cache.loadSource(good, path);
        cache.loadSource(bad, dir.filePath(QStringLiteral("missing.wav")));
        // THEN the file is decoded and its tiles computed; the missing one fails with a message
        QTRY_COMPARE(ready.count(), 1);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<SourceId>(), bad);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QCOMPARE(cache.audio(good)->frames(), std::int64_t(24000));
        const auto tile = cache.computeNow({good, SpectrogramParams{}, 0});
        QCOMPARE(peakBin(*tile, 20), 40);
    }

    void frequencyAxesMapBothWays()
    {
        // GIVEN each scale between 20 Hz and 20 kHz
        for (auto scale : {FrequencyAxis::Scale::Linear, FrequencyAxis::Scale::Log,
                           FrequencyAxis::Scale::Mel, FrequencyAxis::Scale::PianoKey}) {
            const FrequencyAxis axis(scale, 20.0, 20000.0);
            // THEN the ends map to 0 and 1 and every point round-trips
            QCOMPARE(axis.hzForFraction(0.0), 20.0);
            QVERIFY(std::abs(axis.hzForFraction(1.0) - 20000.0) < 1e-6);
            for (double f : {0.1, 0.37, 0.8})
                QVERIFY(std::abs(axis.fractionForHz(axis.hzForFraction(f)) - f) < 1e-9);
        }
        // AND the log axis puts 632 Hz (the geometric mean) in the middle, mel 1000 Hz ~ 1000 mel
        QVERIFY(std::abs(FrequencyAxis(FrequencyAxis::Scale::Log, 20, 20000).hzForFraction(0.5) - 632.456) < 0.01);
        QVERIFY(std::abs(FrequencyAxis::hzToMel(1000.0) - 1000.0) < 0.5);
        // AND the piano axis puts key 69 (A4, 440 Hz) at its key's row
        const FrequencyAxis piano = FrequencyAxis::pianoKeys(21, 108);
        QVERIFY(std::abs(piano.fractionForHz(440.0) - (69.0 - 20.5) / 88.0) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TstSpectrogramTiles)
#include "tst_spectrogramtiles.moc"
