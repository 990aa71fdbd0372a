// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiodata.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::media {

double AudioData::durationSeconds() const
{
    return sampleRate > 0 ? static_cast<double>(frames()) / sampleRate : 0.0;
}

float AudioData::peak() const
{
    float p = 0.0f;
    for (const auto &ch : channels)
        for (float v : ch)
            p = std::max(p, std::fabs(v));
    return p;
}

bool AudioData::isConsistent() const
{
    return std::all_of(channels.begin(), channels.end(), [this](const std::vector<float> &ch) {
        return ch.size() == channels.front().size();
    });
}

AudioData AudioData::silence(int channelCount, std::int64_t frames, int sampleRate)
{
    AudioData d;
    d.sampleRate = sampleRate;
    d.channels.assign(static_cast<std::size_t>(std::max(channelCount, 0)),
                      std::vector<float>(static_cast<std::size_t>(std::max<std::int64_t>(frames, 0)),
                                         0.0f));
    return d;
}

} // namespace mirstudio::media
