// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/unet.h"

#include "plugins/tfctdf/blockfactory.h"
#include "plugins/tfctdf/denselayers.h"

#include <stdexcept>

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

namespace {

void registerAll(nn::Module &owner, const char *name, const std::vector<nn::AnyModule> &modules)
{
    nn::ModuleList list;
    for (const nn::AnyModule &m : modules)
        list->push_back(m.ptr());
    owner.register_module(name, list);
}

} // namespace

UNetImpl::UNetImpl(const UNetConfig &config) : m_config(config)
{
    if (const std::string problem = config.validate(); !problem.empty())
        throw std::invalid_argument("U-Net configuration: " + problem);
    const int ic = config.internalChannels;
    m_firstConv = register_module(
        "first_conv", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(config.inputChannels, ic, {2, 1})),
                                     nn::BatchNorm2d(ic), nn::ReLU()));
    int bins = config.frequencyBins();
    for (int i = 0; i < config.levels(); ++i) {
        m_encoders.push_back(makeBlock(config, ic, ic, bins));
        m_downsampling.push_back(makeDownsampling(config, i));
        bins /= 2;
    }
    m_mid = makeBlock(config, ic, ic, bins);
    for (int i = 0; i < config.levels(); ++i) {
        m_upsampling.push_back(makeUpsampling(config, i));
        bins *= 2;
        m_decoders.push_back(makeBlock(config, 2 * ic, ic, bins));
    }
    registerAll(*this, "encoders", m_encoders);
    registerAll(*this, "downsampling", m_downsampling);
    register_module("mid_block", m_mid.ptr());
    registerAll(*this, "upsampling", m_upsampling);
    registerAll(*this, "decoders", m_decoders);
    m_finalConv = register_module(
        "final_conv", nn::Sequential(nn::Conv2d(
                          nn::Conv2dOptions(ic, config.inputChannels, {2, 1}).padding({1, 0}))));
}

torch::Tensor UNetImpl::forward(const torch::Tensor &spec, const std::function<void()> &checkpoint)
{
    auto check = [&checkpoint] {
        if (checkpoint)
            checkpoint();
    };
    // The dense layers inside the blocks call the same hook (restored on exit, also on a throw).
    struct HookScope {
        const std::function<void()> *saved;
        explicit HookScope(const std::function<void()> *hook) : saved(denseLayerCheckpoint()) { denseLayerCheckpoint() = hook; }
        ~HookScope() { denseLayerCheckpoint() = saved; }
    } hookScope(&checkpoint);
    torch::Tensor x = m_firstConv->forward(spec).transpose(-1, -2);
    std::vector<torch::Tensor> skips;
    for (size_t i = 0; i < m_encoders.size(); ++i) {
        x = m_encoders[i].forward(x);
        skips.push_back(x);
        x = m_downsampling[i].forward(x);
        check();
    }
    x = m_mid.forward(x);
    check();
    for (size_t i = 0; i < m_decoders.size(); ++i) {
        x = m_upsampling[i].forward(x);
        x = m_decoders[i].forward(torch::cat({x, skips.back()}, 1));
        skips.pop_back();
        check();
    }
    x = m_finalConv->forward(x.transpose(-1, -2));
    switch (m_config.estimation) {
    case EstimationMode::CacMapping:
        return x;
    case EstimationMode::MagMapping:
        return torch::relu(x);
    case EstimationMode::MaskingSigmoid:
        return torch::sigmoid(x) * spec;
    case EstimationMode::MaskingTanh:
        return torch::tanh(x) * spec;
    case EstimationMode::MaskingRelu:
        return torch::relu(x) * spec;
    }
    return x;
}

} // namespace mirstudio::tfctdf
