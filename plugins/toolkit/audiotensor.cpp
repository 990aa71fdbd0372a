// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/audiotensor.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace mirstudio::toolkit {

torch::Tensor audioToTensor(const sdk::AudioBuffer &audio)
{
    const int64_t frames = audio.frameCount();
    torch::Tensor out = torch::empty({int64_t(audio.channelCount()), frames}, torch::kFloat32);
    for (int c = 0; c < audio.channelCount(); ++c) {
        const auto &channel = audio.channels[size_t(c)];
        if (int64_t(channel.size()) != frames)
            throw std::invalid_argument("audioToTensor: channel " + std::to_string(c) + " has "
                                        + std::to_string(channel.size()) + " frames, channel 0 has "
                                        + std::to_string(frames));
        if (frames > 0)
            std::memcpy(out[c].data_ptr<float>(), channel.data(), size_t(frames) * sizeof(float));
    }
    return out;
}

sdk::AudioBuffer tensorToAudio(const torch::Tensor &samples, double sampleRate)
{
    if (samples.dim() != 1 && samples.dim() != 2)
        throw std::invalid_argument("tensorToAudio: expected [frames] or [channels, frames], got "
                                    + std::to_string(samples.dim()) + " dimensions");
    if (!samples.is_floating_point())
        throw std::invalid_argument("tensorToAudio: samples must be floating point");
    const torch::Tensor t = (samples.dim() == 1 ? samples.unsqueeze(0) : samples)
                                .detach().to(torch::kCPU, torch::kFloat32).contiguous();
    sdk::AudioBuffer audio;
    audio.sampleRate = sampleRate;
    audio.channels.resize(size_t(t.size(0)));
    for (int64_t c = 0; c < t.size(0); ++c) {
        const float *p = t[c].data_ptr<float>();
        audio.channels[size_t(c)].assign(p, p + t.size(1));
    }
    return audio;
}

} // namespace mirstudio::toolkit
