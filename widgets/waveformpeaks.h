// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"

#include <cstdint>
#include <vector>

namespace mirstudio::widgets {

/**
 * Multi-resolution min/max peaks of one audio source (all channels folded together), for
 * drawing waveforms at any zoom at a cost proportional to the pixels drawn: level 0 holds one
 * min/max pair per `baseBinFrames` frames, each further level folds `levelFactor` bins of the
 * one below. Peaks are stored as int16 (full scale 32767) to keep a one-hour file near 25 MB.
 *
 * Built once by append() chunk after chunk and finish() (a worker thread), then immutable and
 * shared read-only between threads (std::shared_ptr<const WaveformPeaks>).
 */
class WaveformPeaks
{
public:
    static constexpr int baseBinFrames = 32;
    static constexpr int levelFactor = 4;
    static constexpr int levelCount = 7;

    struct Range
    {
        float min = 0.0f;
        float max = 0.0f;
        bool valid = false;
    };

    explicit WaveformPeaks(int sampleRate = 48000);

    /** Folds a chunk of decoded audio (any channel count) into level 0. */
    void append(const media::AudioData &chunk);
    /** Completes the last bin and builds the coarser levels. */
    void finish();
    /** Peaks of a whole buffer in one go. */
    static WaveformPeaks fromAudio(const media::AudioData &audio);

    int sampleRate() const { return m_sampleRate; }
    std::int64_t frames() const { return m_frames; }
    /** Frames covered by one bin of `level`. */
    static std::int64_t binFrames(int level);
    std::int64_t binCount(int level) const { return std::int64_t(m_levels[level].size() / 2); }

    /**
     * Min/max over source frames [first, last), read from the coarsest level whose bins are no
     * wider than `resolution` frames (so drawing a pixel of `resolution` frames touches a few
     * bins whatever the file length). Bins at the edges are counted whole.
     */
    Range range(std::int64_t first, std::int64_t last, std::int64_t resolution) const;

private:
    void closeBin();

    int m_sampleRate;
    std::int64_t m_frames = 0;
    std::vector<std::vector<std::int16_t>> m_levels; // per level: min, max, min, max...
    float m_binMin = 0.0f;
    float m_binMax = 0.0f;
    int m_binFill = 0;
};

} // namespace mirstudio::widgets
