// SPDX-License-Identifier: GPL-3.0-or-later
// bench_waveform: paint cost of a WaveformLane for a one-hour file at several zooms, against a
// 10-second file fitted to the same 1600-px view (the baseline, measured in the same run).
// Peaks are built from generated audio streamed in chunks, as PeakCache builds them from files.
// Usage: bench_waveform [repeats]   (QT_QPA_PLATFORM=offscreen is set when unset)
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "widgets/peakcache.h"
#include "widgets/timeaxis.h"
#include "widgets/waveformlane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>

#include <cmath>
#include <cstdio>
#include <memory>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

constexpr int kRate = 48000;
constexpr int kWidth = 1600;
constexpr int kHeight = 100;

/** Peaks of `seconds` of a decaying 110 Hz tone with noise, built 65536 frames at a time. */
std::shared_ptr<WaveformPeaks> makePeaks(double seconds)
{
    auto peaks = std::make_shared<WaveformPeaks>(kRate);
    const auto total = std::int64_t(seconds * kRate);
    std::uint32_t noise = 12345;
    for (std::int64_t at = 0; at < total; at += 65536) {
        const std::int64_t n = std::min<std::int64_t>(65536, total - at);
        auto chunk = media::AudioData::silence(1, n, kRate);
        for (std::int64_t i = 0; i < n; ++i) {
            const double t = double(at + i) / kRate;
            noise = noise * 1664525u + 1013904223u;
            chunk.channels[0][std::size_t(i)] = float(0.6 * std::exp(-std::fmod(t, 0.5) * 6.0) *
                std::sin(2 * M_PI * 110.0 * t) + 0.05 * (double(noise >> 8) / double(1 << 24) - 0.5));
        }
        peaks->append(chunk);
    }
    peaks->finish();
    return peaks;
}

/** A session with one audio track holding one clip of `seconds` of the source `path`. */
void addClip(Session &session, const QString &path, double seconds, TrackId *track)
{
    MediaSource src;
    src.id = SourceId::create();
    src.path = path;
    src.sampleRate = kRate;
    src.channels = 1;
    src.frames = std::int64_t(seconds * kRate);
    session.push(new AddSourceCommand(&session, src));
    Track t;
    t.id = *track = TrackId::create();
    t.name = path;
    Clip c;
    c.id = ClipId::create();
    c.source = src.id;
    c.length = src.frames;
    t.clips.push_back(c);
    session.push(new AddTrackCommand(&session, t));
}

/** Mean milliseconds to paint the lane into a 1600x100 image. */
double paintMs(WaveformLane &lane, int repeats)
{
    QImage img(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);
    lane.render(&img); // warm-up
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < repeats; ++i)
        lane.render(&img);
    return double(timer.nsecsElapsed()) / 1e6 / repeats;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(1, atoi(argv[1])) : 200;

    Session session;
    PeakCache cache;
    QElapsedTimer build;
    build.start();
    cache.insert(QStringLiteral("hour.wav"), makePeaks(3600.0));
    const double buildSeconds = build.nsecsElapsed() / 1e9;
    cache.insert(QStringLiteral("short.wav"), makePeaks(10.0));
    TrackId hourTrack, shortTrack;
    addClip(session, QStringLiteral("hour.wav"), 3600.0, &hourTrack);
    addClip(session, QStringLiteral("short.wav"), 10.0, &shortTrack);

    TimeAxis axis;
    axis.setSampleRate(session.sampleRate());
    axis.setViewWidth(kWidth);
    WaveformLane hourLane(&axis, &session, &cache, hourTrack);
    WaveformLane shortLane(&axis, &session, &cache, shortTrack);
    hourLane.resize(kWidth, kHeight);
    shortLane.resize(kWidth, kHeight);

    axis.showRange(0.0, 10.0);
    const double baseline = paintMs(shortLane, repeats);
    std::printf("peaks for 1 h at %d Hz built in %.2f s (one thread, generated audio)\n", kRate, buildSeconds);
    std::printf("baseline: 10-s file fitted to %d px: %.3f ms per paint\n\n", kWidth, baseline);
    std::printf("| view of the 1-h file | px/s | ms per paint | ratio to 10-s baseline |\n|---|---|---|---|\n");
    struct Case { const char *name; double start; double end; };
    const Case cases[] = {
        {"whole hour", 0.0, 3600.0},
        {"10 min", 1200.0, 1800.0},
        {"1 min", 1800.0, 1860.0},
        {"10 s", 1800.0, 1810.0},
        {"1 s", 1800.0, 1801.0},
        {"50 ms", 1800.0, 1800.05},
    };
    for (const Case &c : cases) {
        axis.showRange(c.start, c.end);
        const double ms = paintMs(hourLane, repeats);
        std::printf("| %s | %.4g | %.3f | %.2f |\n", c.name, axis.pixelsPerSecond(), ms, ms / baseline);
    }
    return 0;
}
