// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/separator.h"

#include <stdexcept>

namespace mirstudio::openunmix {

Separator::Separator(std::vector<TargetModel> targets, const SeparatorConfig &config)
    : m_targets(std::move(targets))
    , m_config(config)
{
    if (m_targets.empty())
        throw std::invalid_argument("Separator: no target models");
    for (auto &t : m_targets) {
        if (t.model->config().nbChannels != m_targets.front().model->config().nbChannels
            || t.model->config().nbBins != config.nFft / 2 + 1)
            throw std::invalid_argument("Separator: model \"" + t.name + "\" does not fit the STFT size "
                                        "or the other models' channel count");
        t.model->eval();
    }
}

std::vector<std::string> Separator::outputNames() const
{
    std::vector<std::string> names;
    for (const auto &t : m_targets)
        names.push_back(t.name);
    if (m_config.wiener.residual)
        names.push_back("residual");
    return names;
}

int Separator::modelChannels() const
{
    return m_targets.front().model->config().nbChannels;
}

toolkit::StftConfig Separator::stftConfig() const
{
    toolkit::StftConfig c;
    c.nFft = m_config.nFft;
    c.hop = m_config.hop;
    return c;
}

torch::Tensor Separator::stft(const torch::Tensor &audio) const
{
    return toolkit::stft(audio, stftConfig());
}

torch::Tensor Separator::magnitudes(const torch::Tensor &mixStft) const
{
    auto mag = mixStft.abs();
    if (modelChannels() == 1)
        mag = mag.mean(1, true);
    return mag;
}

torch::Tensor Separator::separate(const torch::Tensor &audioIn, const std::function<void()> &poll) const
{
    if (audioIn.dim() != 3 || audioIn.size(2) == 0)
        throw std::invalid_argument("Separator: audio must be [samples, channels, time] and not empty");
    const int64_t length = audioIn.size(2);
    if (modelChannels() != 1 && audioIn.size(1) != modelChannels())
        throw std::invalid_argument("Separator: the models need " + std::to_string(modelChannels())
                                    + " channels");
    const auto check = [&] { if (poll) poll(); };
    torch::NoGradGuard noGrad;
    check();
    auto audio = audioIn;
    if (length <= m_config.nFft / 2)
        audio = torch::constant_pad_nd(audioIn, {0, m_config.nFft / 2 + 1 - length});
    const auto mixStft = stft(audio);                 // [S, C, F, T]
    const auto mag = magnitudes(mixStft);
    std::vector<torch::Tensor> spectrograms;
    for (const auto &t : m_targets) {
        check();
        OpenUnmix model = t.model; // a shared handle; forward() is not const
        spectrograms.push_back(model->forward(mag));
    }
    // Wiener layout: (frames, bins, channels, sources) per sample.
    const auto specs = torch::stack(spectrograms, -1).permute({0, 3, 2, 1, 4});
    const auto mix = mixStft.permute({0, 3, 2, 1});
    std::vector<torch::Tensor> perSample;
    for (int64_t s = 0; s < mix.size(0); ++s)
        perSample.push_back(toolkit::wienerWindowed(specs[s], mix[s], m_config.wiener, poll));
    // (samples, frames, bins, channels, sources) → (samples, sources, channels, bins, frames)
    const auto targetsStft = torch::stack(perSample, 0).permute({0, 4, 3, 2, 1}).contiguous();
    check();
    auto out = toolkit::istft(targetsStft, stftConfig(), audio.size(2));
    return out.narrow(-1, 0, length).contiguous();
}

} // namespace mirstudio::openunmix
