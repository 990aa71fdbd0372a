// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxmodel.h"

#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

torch::nn::Linear linearNoBias(int64_t in, int64_t out)
{
    return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(false));
}

} // namespace

OpenUnmixImpl::OpenUnmixImpl(const UmxConfig &config)
    : m_config(config)
{
    if (config.maxBin <= 0 || config.maxBin > config.nbBins || config.nbChannels <= 0
        || config.hiddenSize < 2 || config.nbLayers <= 0)
        throw std::invalid_argument("OpenUnmix: invalid configuration");
    const int64_t h = config.hiddenSize;
    const int64_t lstmHidden = config.unidirectional ? h : h / 2;
    // Registration order = the official state_dict order.
    m_inputMean = register_parameter("input_mean", torch::zeros({config.maxBin}));
    m_inputScale = register_parameter("input_scale", torch::ones({config.maxBin}));
    m_outputScale = register_parameter("output_scale", torch::ones({config.nbBins}));
    m_outputMean = register_parameter("output_mean", torch::ones({config.nbBins}));
    m_fc1 = register_module("fc1", linearNoBias(int64_t(config.maxBin) * config.nbChannels, h));
    m_bn1 = register_module("bn1", torch::nn::BatchNorm1d(h));
    m_lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(h, lstmHidden)
                                                         .num_layers(config.nbLayers)
                                                         .bidirectional(!config.unidirectional)
                                                         .batch_first(false)
                                                         .dropout(config.nbLayers > 1 ? 0.4 : 0.0)));
    m_fc2 = register_module("fc2", linearNoBias(2 * h, h));
    m_bn2 = register_module("bn2", torch::nn::BatchNorm1d(h));
    m_fc3 = register_module("fc3", linearNoBias(h, int64_t(config.nbBins) * config.nbChannels));
    m_bn3 = register_module("bn3", torch::nn::BatchNorm1d(int64_t(config.nbBins) * config.nbChannels));
}

torch::Tensor OpenUnmixImpl::forward(const torch::Tensor &input)
{
    if (input.dim() != 4 || input.size(1) != m_config.nbChannels || input.size(2) != m_config.nbBins)
        throw std::invalid_argument("OpenUnmix: input must be [samples, " + std::to_string(m_config.nbChannels)
                                    + ", " + std::to_string(m_config.nbBins) + ", frames]");
    // (frames, samples, channels, bins): the LSTM runs over frames.
    const auto x0 = input.permute({3, 0, 1, 2});
    const int64_t frames = x0.size(0), samples = x0.size(1), channels = x0.size(2);
    const auto mix = x0.detach();
    auto x = (x0.narrow(-1, 0, m_config.maxBin) + m_inputMean) * m_inputScale;
    x = m_bn1(m_fc1(x.reshape({-1, channels * m_config.maxBin})));
    x = torch::tanh(x.reshape({frames, samples, m_config.hiddenSize}));
    const auto lstmOut = std::get<0>(m_lstm(x));
    x = torch::cat({x, lstmOut}, -1);
    x = torch::relu(m_bn2(m_fc2(x.reshape({-1, x.size(-1)}))));
    x = m_bn3(m_fc3(x));
    x = x.reshape({frames, samples, channels, m_config.nbBins}) * m_outputScale + m_outputMean;
    return (torch::relu(x) * mix).permute({1, 2, 3, 0});
}

} // namespace mirstudio::openunmix
