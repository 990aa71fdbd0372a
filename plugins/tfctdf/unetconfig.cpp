// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/unetconfig.h"

#include <array>
#include <utility>

namespace mirstudio::tfctdf {

namespace {
constexpr std::array<std::pair<BlockType, const char *>, 6> kBlockNames{{
    {BlockType::Tdc, "tdc"}, {BlockType::Tfc, "tfc"}, {BlockType::Tdf, "tdf"},
    {BlockType::TfcTdf, "tfc_tdf"}, {BlockType::TdcRnn, "tdc_rnn"}, {BlockType::TfcRnn, "tfc_rnn"}}};
}

const char *blockTypeName(BlockType type)
{
    for (const auto &[t, name] : kBlockNames)
        if (t == type)
            return name;
    return "?";
}

bool blockTypeFromName(const std::string &name, BlockType *type)
{
    for (const auto &[t, n] : kBlockNames) {
        if (name == n) {
            *type = t;
            return true;
        }
    }
    return false;
}

std::string UNetConfig::validate() const
{
    if (numBlocks < 1 || numBlocks % 2 != 1)
        return "numBlocks must be odd";
    if (inputChannels < 1 || internalChannels < 1 || numLayers < 1)
        return "channel and layer counts must be positive";
    if (nFft < 4 || (frequencyBins() >> levels()) < 1 || frequencyBins() % (1 << levels()) != 0)
        return "nFft/2 must be divisible by 2^levels";
    if (sampling == SamplingType::TdcSampling && !tDownLayers.empty())
        return "time down-sampling needs Conv2d sampling";
    for (int l : tDownLayers)
        if (l < 0 || l >= levels())
            return "tDownLayers holds a level outside the encoder";
    if (frames % (1 << tDownLayers.size()) != 0)
        return "frames must be divisible by 2^len(tDownLayers)";
    if (kernelT % 2 != 1 || kernelF % 2 != 1)
        return "kernel sizes must be odd";
    return {};
}

UNetConfig UNetConfig::tdc17()
{
    UNetConfig c;
    c.block = BlockType::Tdc;
    c.sampling = SamplingType::TdcSampling;
    return c;
}

UNetConfig UNetConfig::tfcTdf17()
{
    UNetConfig c;
    c.block = BlockType::TfcTdf;
    c.sampling = SamplingType::Conv2d;
    c.tDownLayers = {0, 2, 4, 6};
    return c;
}

} // namespace mirstudio::tfctdf
