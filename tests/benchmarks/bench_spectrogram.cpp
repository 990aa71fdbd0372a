// SPDX-License-Identifier: GPL-3.0-or-later
// Spectrogram tile throughput (frames/s through SpectrogramTileCache: window, channel mix, FFT,
// power, tile bookkeeping) as a fraction of a bare FFTW loop (copy a frame, execute the same plan)
// over the same frames in the same run (goal >= 80 %). Single thread for both. Two cache
// conditions: a full cache (16 MiB budget, the steady state while scrolling: evicted tiles' memory
// is reused) and an unbounded one (every tile lands in fresh pages, paying the page faults).
#include "core/analysis/fftwplancache.h"
#include "core/analysis/spectrogramtilecache.h"
#include "core/media/audiodata.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

using namespace mirstudio;

namespace {

std::shared_ptr<media::AudioData> noise(int channels, double seconds)
{
    auto audio = std::make_shared<media::AudioData>(media::AudioData::silence(channels, std::int64_t(seconds * 48000), 48000));
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-0.5f, 0.5f);
    for (auto &ch : audio->channels)
        for (float &s : ch)
            s = u(rng);
    return audio;
}

/**
 * The bare loop over frames [first, first + count): per frame, copy windowSize samples and run
 * the same r2c plan. Returns seconds.
 */
double bareFftw(const media::AudioData &audio, const SpectrogramParams &p, long long first, long long count,
                float *in, fftwf_complex *out, float *sink)
{
    const fftwf_plan plan = FftwPlanCache::instance().r2c(p.windowSize);
    const float *src = audio.channels[0].data();
    const long long total = audio.frames();
    QElapsedTimer timer;
    timer.start();
    for (long long f = first; f < first + count; ++f) {
        const long long begin = std::clamp<long long>(f * p.hop - p.windowSize / 2, 0, total - p.windowSize);
        std::memcpy(in, src + begin, sizeof(float) * std::size_t(p.windowSize));
        fftwf_execute_dft_r2c(plan, in, out);
        *sink += out[f % p.bins()][0];
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

double median(std::vector<double> v)
{
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

struct Round { double bare = 0, tiles = 0; std::vector<double> ratios; };

/**
 * One pass over every tile, alternating the bare loop and the cache tile by tile so both see
 * the same machine load; `budget` bounds the cache (a small one recycles evicted tiles' memory).
 */
Round pass(const std::shared_ptr<media::AudioData> &audio, const SpectrogramParams &p, std::size_t budget,
           float *sink)
{
    float *in = fftwf_alloc_real(std::size_t(p.windowSize));
    fftwf_complex *out = fftwf_alloc_complex(std::size_t(p.bins()));
    SpectrogramTileCache cache(budget);
    const SourceId id = SourceId::create();
    cache.setSource(id, audio);
    const long long frames = p.frameCount(audio->frames());
    Round r;
    for (int t = 0; t < cache.tileCount(id, p); ++t) {
        const long long first = std::int64_t(t) * SpectrogramTileCache::framesPerTile;
        const double bare = bareFftw(*audio, p, first,
                                     std::min<long long>(SpectrogramTileCache::framesPerTile, frames - first), in, out, sink);
        QElapsedTimer timer;
        timer.start();
        cache.computeNow({id, p, t});
        const double tile = double(timer.nsecsElapsed()) / 1e9;
        r.bare += bare;
        r.tiles += tile;
        r.ratios.push_back(bare / tile);
    }
    fftwf_free(in);
    fftwf_free(out);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (int channels : {1, 2}) {
        const auto audio = noise(channels, 120.0);
        for (int window : {1024, 2048, 4096}) {
            SpectrogramParams p;
            p.windowSize = window;
            p.hop = window / 4;
            const long long frames = p.frameCount(audio->frames());
            float sink = 0.0f;
            // 7 passes each; the fraction is the median over every tile of (bare time / tile time)
            // for that tile's frames, which a shared, noisy machine disturbs least.
            Round steady{1e9, 1e9, {}}, fresh{1e9, 1e9, {}};
            for (int round = 0; round < 7; ++round) {
                const Round a = pass(audio, p, std::size_t(16) << 20, &sink);
                const Round b = pass(audio, p, std::size_t(1) << 30, &sink);
                steady.bare = std::min(steady.bare, a.bare);
                steady.tiles = std::min(steady.tiles, a.tiles);
                steady.ratios.insert(steady.ratios.end(), a.ratios.begin(), a.ratios.end());
                fresh.tiles = std::min(fresh.tiles, b.tiles);
                fresh.ratios.insert(fresh.ratios.end(), b.ratios.begin(), b.ratios.end());
            }
            std::printf("%d ch, window %4d hop %4d, %6lld frames: bare FFTW %6.0f frames/s | tiles, full 16 MiB "
                        "cache %6.0f frames/s = %5.1f %% (goal >= 80 %%) | tiles into fresh memory %6.0f frames/s = "
                        "%5.1f %%%s\n",
                        channels, window, p.hop, frames, frames / steady.bare, frames / steady.tiles,
                        100.0 * median(steady.ratios), frames / fresh.tiles, 100.0 * median(fresh.ratios),
                        sink == 12345.0f ? " " : "");
        }
    }
    return 0;
}
