// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/unetconfig.h"

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace mirstudio::tfctdf {

/**
 * The U-Net of Choi et al., "Investigating U-Nets with various intermediate blocks for
 * spectrogram-based singing voice separation" (ISMIR 2020), as the paper-era official
 * `U_Net_Framework`: first_conv (Conv2d kernel (2, 1) on (F, T) → BN → ReLU, 1025 → 1024 bins),
 * transpose to (T, F), encoders with down-sampling, a mid block, decoders fed with
 * cat(up-sampled, skip), transpose back, final_conv (kernel (2, 1), padding (1, 0)) and the
 * estimation head (mapping or mask × input).
 *
 * Input and output: [B, inputChannels, nFft/2 + 1, frames] in the paper-era layout (for complex
 * stereo: channels [L.re, L.im, R.re, R.im]). Parameter names are the paper-era state-dict keys
 * (see checkpointlayout.h for the maintained package's names). Owns its parameters; forward from
 * one thread at a time (eval mode and NoGradGuard are the caller's business).
 */
class UNetImpl : public torch::nn::Module
{
public:
    /** Throws std::invalid_argument when config.validate() reports a problem. */
    explicit UNetImpl(const UNetConfig &config);

    /**
     * Runs the network. `checkpoint`, when set, is called between levels and between the dense
     * layers inside TDC/TFC blocks (about 90 times for 17 blocks) so a caller can stop a long
     * batch by throwing from it.
     */
    torch::Tensor forward(const torch::Tensor &spec, const std::function<void()> &checkpoint = {});

    const UNetConfig &config() const { return m_config; }

private:
    UNetConfig m_config;
    torch::nn::Sequential m_firstConv{nullptr};
    torch::nn::Sequential m_finalConv{nullptr};
    std::vector<torch::nn::AnyModule> m_encoders, m_downsampling, m_decoders, m_upsampling;
    torch::nn::AnyModule m_mid;
};
TORCH_MODULE(UNet);

} // namespace mirstudio::tfctdf
