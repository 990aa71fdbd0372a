// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/waveformpeaks.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

namespace {

std::int16_t quantise(float v)
{
    return std::int16_t(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
}

} // namespace

WaveformPeaks::WaveformPeaks(int sampleRate)
    : m_sampleRate(sampleRate)
    , m_levels(levelCount)
{
}

std::int64_t WaveformPeaks::binFrames(int level)
{
    std::int64_t f = baseBinFrames;
    for (int i = 0; i < level; ++i)
        f *= levelFactor;
    return f;
}

void WaveformPeaks::closeBin()
{
    m_levels[0].push_back(quantise(m_binMin));
    m_levels[0].push_back(quantise(m_binMax));
    m_binFill = 0;
}

void WaveformPeaks::append(const media::AudioData &chunk)
{
    const std::int64_t n = chunk.frames();
    const int channels = chunk.channelCount();
    for (std::int64_t i = 0; i < n; ++i) {
        float lo = chunk.channels[0][std::size_t(i)];
        float hi = lo;
        for (int c = 1; c < channels; ++c) {
            const float v = chunk.channels[std::size_t(c)][std::size_t(i)];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (m_binFill == 0) {
            m_binMin = lo;
            m_binMax = hi;
        } else {
            m_binMin = std::min(m_binMin, lo);
            m_binMax = std::max(m_binMax, hi);
        }
        if (++m_binFill == baseBinFrames)
            closeBin();
    }
    m_frames += n;
}

void WaveformPeaks::finish()
{
    if (m_binFill > 0)
        closeBin();
    for (int level = 1; level < levelCount; ++level) {
        const auto &below = m_levels[std::size_t(level - 1)];
        auto &out = m_levels[std::size_t(level)];
        out.clear();
        const std::size_t bins = below.size() / 2;
        out.reserve((bins / levelFactor + 1) * 2);
        for (std::size_t b = 0; b < bins; b += levelFactor) {
            const std::size_t end = std::min(bins, b + levelFactor);
            std::int16_t lo = below[2 * b], hi = below[2 * b + 1];
            for (std::size_t k = b + 1; k < end; ++k) {
                lo = std::min(lo, below[2 * k]);
                hi = std::max(hi, below[2 * k + 1]);
            }
            out.push_back(lo);
            out.push_back(hi);
        }
    }
}

WaveformPeaks WaveformPeaks::fromAudio(const media::AudioData &audio)
{
    WaveformPeaks peaks(audio.sampleRate);
    if (!audio.isEmpty())
        peaks.append(audio);
    peaks.finish();
    return peaks;
}

WaveformPeaks::Range WaveformPeaks::range(std::int64_t first, std::int64_t last,
                                          std::int64_t resolution) const
{
    first = std::max<std::int64_t>(0, first);
    last = std::min(last, m_frames);
    if (last <= first)
        return {};
    int level = 0;
    while (level + 1 < levelCount && binFrames(level + 1) <= resolution)
        ++level;
    const auto &bins = m_levels[std::size_t(level)];
    const std::int64_t width = binFrames(level);
    const std::int64_t b0 = first / width;
    const std::int64_t b1 = std::min<std::int64_t>((last + width - 1) / width, binCount(level));
    if (b1 <= b0)
        return {};
    std::int16_t lo = bins[std::size_t(2 * b0)], hi = bins[std::size_t(2 * b0 + 1)];
    for (std::int64_t b = b0 + 1; b < b1; ++b) {
        lo = std::min(lo, bins[std::size_t(2 * b)]);
        hi = std::max(hi, bins[std::size_t(2 * b + 1)]);
    }
    return {lo / 32767.0f, hi / 32767.0f, true};
}

} // namespace mirstudio::widgets
