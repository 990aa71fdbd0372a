// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/stemaudio.h"

#include "core/media/resampler.h"
#include "plugins/sdk/pluginerror.h"

#include <cmath>

namespace mirstudio::tfctdf {

namespace {

media::AudioData toAudioData(std::vector<std::vector<float>> channels, double rate)
{
    media::AudioData d;
    d.sampleRate = int(std::lround(rate));
    d.channels = std::move(channels);
    return d;
}

std::vector<std::vector<float>> resampled(std::vector<std::vector<float>> channels, double from, double to)
{
    if (std::lround(from) == std::lround(to))
        return channels;
    return media::resample(toAudioData(std::move(channels), from), int(std::lround(to))).channels;
}

} // namespace

torch::Tensor modelInput(const sdk::AudioBuffer &mix, double modelRate)
{
    if (mix.isEmpty())
        throw sdk::PluginError(QStringLiteral("the input audio is empty"));
    if (mix.channelCount() > 2)
        throw sdk::PluginError(QStringLiteral("the input has %1 channels; this model takes mono or stereo")
                                   .arg(mix.channelCount()));
    if (mix.sampleRate <= 0)
        throw sdk::PluginError(QStringLiteral("the input has no valid sample rate"));
    std::vector<std::vector<float>> channels = resampled(mix.channels, mix.sampleRate, modelRate);
    if (channels.size() == 1)
        channels.push_back(channels.front());
    const int64_t n = int64_t(channels.front().size());
    torch::Tensor out = torch::empty({2, n}, torch::kFloat32);
    for (int c = 0; c < 2; ++c)
        std::copy(channels[c].begin(), channels[c].end(), out[c].data_ptr<float>());
    return out;
}

sdk::AudioBuffer toAudioBuffer(const torch::Tensor &audio, double rate, double targetRate, int64_t frames)
{
    const torch::Tensor a = audio.to(torch::kFloat32).contiguous();
    std::vector<std::vector<float>> channels(size_t(a.size(0)));
    for (int64_t c = 0; c < a.size(0); ++c) {
        const float *p = a[c].data_ptr<float>();
        channels[size_t(c)].assign(p, p + a.size(1));
    }
    sdk::AudioBuffer out;
    out.sampleRate = targetRate;
    out.channels = resampled(std::move(channels), rate, targetRate);
    for (auto &ch : out.channels)
        ch.resize(size_t(frames), 0.0f);
    return out;
}

sdk::AudioBuffer subtractStem(const sdk::AudioBuffer &mix, const sdk::AudioBuffer &vocals)
{
    sdk::AudioBuffer out;
    out.sampleRate = mix.sampleRate;
    out.channels.resize(vocals.channels.size());
    for (size_t c = 0; c < vocals.channels.size(); ++c) {
        const std::vector<float> &m = mix.channels[std::min(c, mix.channels.size() - 1)];
        const std::vector<float> &v = vocals.channels[c];
        std::vector<float> &o = out.channels[c];
        o.resize(m.size());
        for (size_t i = 0; i < m.size(); ++i)
            o[i] = m[i] - (i < v.size() ? v[i] : 0.0f);
    }
    return out;
}

} // namespace mirstudio::tfctdf
