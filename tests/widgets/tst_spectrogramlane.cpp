// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/spectrogramtilecache.h"
#include "core/media/audiodata.h"
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "widgets/colourmap.h"
#include "widgets/spectrogramlane.h"
#include "widgets/timeaxis.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

/** A session with one audio track playing 4 s of a 1 kHz sine from 0 s. */
struct Fixture
{
    Session session;
    TimeAxis axis;
    SpectrogramTileCache cache;
    SourceId source = SourceId::create();
    TrackId track = TrackId::create();

    Fixture()
    {
        const int rate = 48000;
        auto audio = std::make_shared<media::AudioData>(media::AudioData::silence(1, 4 * rate, rate));
        for (std::size_t i = 0; i < audio->channels[0].size(); ++i)
            audio->channels[0][i] = float(0.5 * std::sin(2.0 * std::numbers::pi * 1000.0 * double(i) / rate));
        cache.setSource(source, audio);
        MediaSource s;
        s.id = source;
        s.path = QStringLiteral("/nonexistent/sine.wav");
        s.sampleRate = rate;
        s.channels = 1;
        s.frames = 4 * rate;
        session.push(new AddSourceCommand(&session, s));
        Track t;
        t.id = track;
        t.kind = Track::Kind::Audio;
        t.name = QStringLiteral("sine");
        session.push(new AddTrackCommand(&session, t));
        Clip c;
        c.id = ClipId::create();
        c.source = source;
        c.length = 4 * rate;
        session.push(new AddClipCommand(&session, track, c));
        axis.setSampleRate(rate);
        axis.setPixelsPerSecond(100);
    }
};

} // namespace

class TstSpectrogramLane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void colourMapsAreDistinctLuts()
    {
        // GIVEN the four maps
        const ColourMap viridis(ColourMap::Name::Viridis), magma(ColourMap::Name::Magma),
            inferno(ColourMap::Name::Inferno), greys(ColourMap::Name::Greys);
        // THEN viridis runs from dark purple to yellow, magma/inferno from black, greys is grey
        QVERIFY(std::abs(qRed(viridis.at(0)) - 68) <= 4 && std::abs(qGreen(viridis.at(0)) - 1) <= 4
                && std::abs(qBlue(viridis.at(0)) - 84) <= 4);
        QVERIFY(qRed(viridis.at(255)) > 240 && qGreen(viridis.at(255)) > 220 && qBlue(viridis.at(255)) < 50);
        QVERIFY(qRed(magma.at(0)) < 5 && qRed(inferno.at(0)) < 5);
        QVERIFY(magma.at(255) != inferno.at(255));
        QCOMPARE(greys.at(128), qRgb(128, 128, 128));
        QCOMPARE(greys.colourFor(2.0f), qRgb(255, 255, 255));
        QCOMPARE(greys.colourFor(-1.0f), qRgb(0, 0, 0));
    }

    void paintsWhatIsReadyThenFillsIn()
    {
        // GIVEN a spectrogram lane over 4 s of sine with only the first tile computed
        // (256 frames of hop 512 at 48 kHz: 2.73 s, 273 px at 100 px/s)
        Fixture f;
        SpectrogramLane lane(&f.axis, &f.session, f.track, &f.cache);
        lane.resize(400, 120);
        f.cache.computeNow({f.source, lane.params(), 0});
        QSignalSpy ready(&f.cache, &SpectrogramTileCache::tileReady);
        // WHEN it is painted the first time
        lane.grab();
        // THEN the ready tile's columns are painted and the second tile was requested
        QVERIFY(lane.readyColumns() >= 273);
        QCOMPARE(lane.readyColumns() + lane.missingColumns(), 400);
        f.cache.waitForDone();
        QTRY_VERIFY(ready.count() >= 1);
        QCOMPARE(f.cache.computeCount(), std::uint64_t(2));
        // WHEN painted again after the tiles arrived
        const QImage image = lane.grab().toImage();
        // THEN every column is painted and the 1 kHz row is brighter than the top row
        QCOMPARE(lane.missingColumns(), 0);
        QCOMPARE(lane.readyColumns(), 400);
        lane.setFrequencyScale(FrequencyAxis::Scale::Linear);
        const QImage linear = lane.grab().toImage();
        const int row1k = int(std::lround((1.0 - 1000.0 / 24000.0) * 120)) - 1;
        QVERIFY(qGreen(linear.pixel(200, row1k)) > qGreen(linear.pixel(200, 2)) + 50);
        QVERIFY(!image.isNull());
        // AND zoomed out to 10 px/s (about 9 frames per column) the 4 s clip fills 40 columns
        // from the same tiles, the 1 kHz row still bright
        const auto computed = f.cache.computeCount();
        f.axis.setPixelsPerSecond(10);
        const QImage far = lane.grab().toImage();
        QCOMPARE(lane.readyColumns(), 40);
        QCOMPARE(f.cache.computeCount(), computed);
        QVERIFY(qGreen(far.pixel(36, row1k)) > qGreen(far.pixel(36, 2)) + 50);
    }

    void recolouringNeverRecomputes()
    {
        // GIVEN a lane whose visible tiles are computed
        Fixture f;
        SpectrogramLane lane(&f.axis, &f.session, f.track, &f.cache);
        lane.resize(400, 120);
        lane.grab();
        f.cache.waitForDone();
        QCoreApplication::processEvents();
        const QImage before = lane.grab().toImage();
        const auto computed = f.cache.computeCount();
        QVERIFY(computed > 0);
        // WHEN the colour map, dB range and frequency axis change
        lane.setColourMap(ColourMap::Name::Inferno);
        const QImage inferno = lane.grab().toImage();
        lane.setDbRange(-60.0f, -10.0f);
        lane.setFrequencyScale(FrequencyAxis::Scale::Mel);
        lane.grab();
        lane.setFrequencyScale(FrequencyAxis::Scale::PianoKey);
        lane.grab();
        // THEN the picture changed but no FFT ran
        QVERIFY(before != inferno);
        QCOMPARE(f.cache.computeCount(), computed);
        // AND new FFT parameters do compute new tiles
        SpectrogramParams p;
        p.windowSize = 1024;
        lane.setParams(p);
        lane.grab();
        f.cache.waitForDone();
        QVERIFY(f.cache.computeCount() > computed);
    }
};

QTEST_MAIN(TstSpectrogramLane)
#include "tst_spectrogramlane.moc"
