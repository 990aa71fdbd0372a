// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/umxconfig.h"

#include <torch/torch.h>

namespace mirstudio::openunmix {

/**
 * The Open-Unmix spectrogram model (`openunmix/model.py::OpenUnmix`): crop to maxBin →
 * (x + input_mean)·input_scale → fc1 → bn1 → tanh → LSTM (bidirectional, hidden/2 per direction)
 * → concat [tanh out, LSTM out] → fc2 → bn2 → ReLU → fc3 → bn3 → ·output_scale + output_mean →
 * ReLU → × mixture magnitude. Submodules and parameters carry the official state_dict names, so
 * named_parameters()/named_buffers() give the umxhq keys ("fc1.weight", "lstm.weight_ih_l0", ...).
 *
 * Owned by its holder (a torch::nn::ModuleHolder); one thread at a time.
 */
class OpenUnmixImpl : public torch::nn::Module
{
public:
    explicit OpenUnmixImpl(const UmxConfig &config = {});

    /** x: magnitudes [samples, channels, nbBins, frames] → filtered magnitudes, same shape. */
    torch::Tensor forward(const torch::Tensor &x);

    const UmxConfig &config() const { return m_config; }

private:
    UmxConfig m_config;
    torch::Tensor m_inputMean, m_inputScale, m_outputScale, m_outputMean;
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr}, m_fc3{nullptr};
    torch::nn::BatchNorm1d m_bn1{nullptr}, m_bn2{nullptr}, m_bn3{nullptr};
    torch::nn::LSTM m_lstm{nullptr};
};
TORCH_MODULE(OpenUnmix);

} // namespace mirstudio::openunmix
