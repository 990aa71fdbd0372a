// SPDX-License-Identifier: GPL-3.0-or-later
// The window, channel-mix and power loops run once per sample per frame beside the FFT; GCC
// vectorises them only at -O3 (bench_spectrogram: scalar loops cost about as much as the FFT).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3")
#endif
#include "core/analysis/spectrogramcomputer.h"

#include "core/analysis/fftwplancache.h"
#include "core/media/audiodata.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace mirstudio {

SpectrogramComputer::SpectrogramComputer(const SpectrogramParams &params)
    : m_params(params)
    , m_window(params.windowCoefficients())
    , m_plan(FftwPlanCache::instance().r2c(params.windowSize))
    , m_in(fftwf_alloc_real(std::size_t(params.windowSize)))
    , m_out(fftwf_alloc_complex(std::size_t(params.bins())))
{
    // |X[k]| of a unit sine is sum(w)/2; scale power so that it reads 1.0.
    // The scale is folded into the window (by its square root) to spare a multiply per bin.
    const double half = std::accumulate(m_window.begin(), m_window.end(), 0.0) / 2.0;
    const float root = float(1.0 / half);
    for (float &w : m_window)
        w *= root;
}

SpectrogramComputer::~SpectrogramComputer()
{
    fftwf_free(m_in);
    fftwf_free(m_out);
}

SpectrogramComputer::Source SpectrogramComputer::sourceFor(const media::AudioData &audio,
                                                             std::int64_t first, int frames)
{
    const int channels = audio.channelCount();
    const std::int64_t total = audio.frames();
    const bool single = m_params.channel >= 0 && m_params.channel < channels;
    if (single || channels == 1)
        return {audio.channels[std::size_t(single ? m_params.channel : 0)].data(), 0, 0, total};
    // Mix the tile's whole sample span once: frames overlap (hop < window), so mixing per frame
    // would repeat the work windowSize / hop times.
    const int n = m_params.windowSize;
    const std::int64_t lo = std::max<std::int64_t>(0, first * m_params.hop - n / 2);
    const std::int64_t hi = std::clamp<std::int64_t>((first + frames - 1) * m_params.hop - n / 2 + n, lo, total);
    m_mix.resize(std::size_t(hi - lo));
    const float mean = 1.0f / float(channels);
    const float *head = audio.channels.front().data() + lo;
    float *mix = m_mix.data();
    for (std::int64_t i = 0; i < hi - lo; ++i)
        mix[i] = head[i];
    for (int c = 1; c < channels; ++c) {
        const float *src = audio.channels[std::size_t(c)].data() + lo;
        for (std::int64_t i = 0; i < hi - lo; ++i)
            mix[i] += src[i];
    }
    for (std::int64_t i = 0; i < hi - lo; ++i)
        mix[i] *= mean;
    return {mix, lo, lo, hi};
}

void SpectrogramComputer::loadFrame(const Source &source, std::int64_t centre)
{
    const int n = m_params.windowSize;
    const std::int64_t begin = centre - n / 2;
    const std::int64_t from = std::max(source.from, begin);
    const std::int64_t to = std::min(source.to, begin + n);
    if (from > begin || to < begin + n) // zero padding only at the signal's ends
        std::fill(m_in, m_in + n, 0.0f);
    const float *src = source.samples + (from - source.offset);
    const float *window = m_window.data() + (from - begin);
    float *dst = m_in + (from - begin);
    for (std::int64_t i = 0; i < to - from; ++i)
        dst[i] = src[i] * window[i];
}

SpectrogramTile SpectrogramComputer::compute(const media::AudioData &audio, std::int64_t first,
                                             int count, std::vector<float> storage)
{
    SpectrogramTile tile;
    tile.power = std::move(storage);
    tile.firstFrame = first;
    tile.bins = m_params.bins();
    const long long available = m_params.frameCount(audio.frames());
    tile.frames = int(std::clamp<long long>(available - first, 0, count));
    tile.power.resize(std::size_t(tile.frames) * std::size_t(tile.bins));
    if (tile.frames == 0)
        return tile;
    const Source source = sourceFor(audio, first, tile.frames);
    for (int f = 0; f < tile.frames; ++f) {
        loadFrame(source, (first + f) * m_params.hop);
        fftwf_execute_dft_r2c(m_plan, m_in, m_out);
        float *dst = tile.power.data() + std::size_t(f) * std::size_t(tile.bins);
        for (int b = 0; b < tile.bins; ++b)
            dst[b] = m_out[b][0] * m_out[b][0] + m_out[b][1] * m_out[b][1];
    }
    return tile;
}

} // namespace mirstudio
