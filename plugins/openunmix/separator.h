// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/umxmodel.h"
#include "plugins/toolkit/stft.h"
#include "plugins/toolkit/wiener.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace mirstudio::openunmix {

/** Settings of Open-Unmix's `Separator` (plain value). */
struct SeparatorConfig
{
    int nFft = 4096;
    int hop = 1024;
    toolkit::WienerConfig wiener;   ///< iterations = niter (official pretrained default 1)
};

/** One named target model. */
struct TargetModel
{
    std::string name;
    OpenUnmix model{nullptr};
};

/**
 * Open-Unmix's `Separator`: STFT (Hann, centred, reflect padding), magnitude (mean over channels
 * when the models are mono), one model per target, multichannel Wiener/EM per window of frames,
 * iSTFT trimmed to the input length. Holds shared handles to the target models (in eval mode).
 *
 * Thread: one thread at a time (torch modules are not re-entrant). `poll` is called between
 * stages (before the STFT, each model, each Wiener window and EM iteration) so a caller can stop a long run by throwing from it.
 */
class Separator
{
public:
    Separator(std::vector<TargetModel> targets, const SeparatorConfig &config);

    /** Target names in output order, plus "residual" when config.wiener.residual. */
    std::vector<std::string> outputNames() const;
    const std::vector<TargetModel> &targets() const { return m_targets; }
    const SeparatorConfig &config() const { return m_config; }
    int modelChannels() const;

    /** audio [samples, channels, time] → complex STFT [samples, channels, bins, frames]. */
    torch::Tensor stft(const torch::Tensor &audio) const;
    /** |stft|, averaged over channels (keepdim) when the models are mono. */
    torch::Tensor magnitudes(const torch::Tensor &mixStft) const;

    /**
     * audio [samples, channels, time] (float) → estimates [samples, outputs, channels, time].
     * Inputs shorter than nFft are zero-padded for the transform and cropped back.
     */
    torch::Tensor separate(const torch::Tensor &audio,
                           const std::function<void()> &poll = {}) const;

private:
    std::vector<TargetModel> m_targets;
    SeparatorConfig m_config;
    toolkit::StftConfig stftConfig() const;
};

} // namespace mirstudio::openunmix
