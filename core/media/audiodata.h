// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace mirstudio::media {

/**
 * Decoded audio in memory: planar 32-bit float, `channels[c][frame]`, nominally in -1..1
 * (values outside are kept; writers clip them when quantising to integers).
 *
 * Every channel holds the same number of frames; frames() reads channel 0 and isConsistent()
 * checks the rest. Owns its samples. Plain value type: copyable and movable, safe to use from any
 * thread as long as one thread mutates it at a time.
 */
struct AudioData
{
    int sampleRate = 0;
    std::vector<std::vector<float>> channels;

    /** Frames per channel (0 when there are no channels). */
    std::int64_t frames() const
    {
        return channels.empty() ? 0 : static_cast<std::int64_t>(channels.front().size());
    }
    int channelCount() const { return static_cast<int>(channels.size()); }
    /** frames() / sampleRate, 0 when the rate is not positive. */
    double durationSeconds() const;
    /** The largest absolute sample value over all channels (0 for empty data). */
    float peak() const;
    /** True when there are no channels or no frames. */
    bool isEmpty() const { return frames() == 0; }
    /** True when every channel has the same length. */
    bool isConsistent() const;

    /** `channelCount` channels of `frames` zeros at `sampleRate`. */
    static AudioData silence(int channelCount, std::int64_t frames, int sampleRate);

    bool operator==(const AudioData &) const = default;
};

} // namespace mirstudio::media
