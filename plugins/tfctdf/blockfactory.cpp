// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/blockfactory.h"

#include "plugins/tfctdf/layersequence.h"
#include "plugins/tfctdf/rnnblock.h"
#include "plugins/tfctdf/tdcblock.h"
#include "plugins/tfctdf/tdcsampling.h"
#include "plugins/tfctdf/tdflayer.h"
#include "plugins/tfctdf/tfcblock.h"
#include "plugins/tfctdf/tfctdfblock.h"

#include <algorithm>

namespace mirstudio::tfctdf {

namespace nn = torch::nn;

namespace {

TdfOptions tdfOptions(const UNetConfig &c, int channels, int inBins, int outBins)
{
    TdfOptions o;
    o.channels = channels;
    o.inBins = inBins;
    o.outBins = outBins;
    o.bnFactor = c.bnFactor;
    o.minBnUnits = c.minBnUnits;
    o.bias = c.tdfBias;
    o.affineBn = c.tdfAffineBn;
    return o;
}

nn::AnyModule makeRnnBlock(const UNetConfig &c, nn::AnyModule inner, const char *name, int cOut,
                           int bins)
{
    const int hidden = std::max(bins / std::max(c.rnnBnFactor, 1), 16);
    TdfOptions projection = tdfOptions(c, cOut, hidden * (c.rnnBidirectional ? 2 : 1), bins);
    projection.affineBn = true;
    return nn::AnyModule(RnnBlock(std::move(inner), name, cOut, bins, hidden, c.rnnLayers,
                                  c.rnnBidirectional, projection));
}

bool halvesTime(const UNetConfig &c, int encoderLevel)
{
    return std::find(c.tDownLayers.begin(), c.tDownLayers.end(), encoderLevel) != c.tDownLayers.end();
}

nn::AnyModule makeConv2dSampling(const UNetConfig &c, bool up, bool time)
{
    const int ch = c.internalChannels;
    const std::vector<int64_t> k = {time ? 2 : 1, 2};
    if (up)
        return nn::AnyModule(LayerSequence(
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(ch, ch, k).stride(k)), nn::BatchNorm2d(ch)));
    return nn::AnyModule(
        LayerSequence(nn::Conv2d(nn::Conv2dOptions(ch, ch, k).stride(k)), nn::BatchNorm2d(ch)));
}

} // namespace

nn::AnyModule makeBlock(const UNetConfig &c, int cIn, int cOut, int bins)
{
    switch (c.block) {
    case BlockType::Tdc:
        return nn::AnyModule(TdcBlock(cIn, c.numLayers, cOut, c.kernelF));
    case BlockType::Tfc:
        return nn::AnyModule(TfcBlock(cIn, c.numLayers, cOut, c.kernelT, c.kernelF));
    case BlockType::TfcTdf:
        return nn::AnyModule(TfcTdfBlock(TfcBlock(cIn, c.numLayers, cOut, c.kernelT, c.kernelF),
                                         TdfLayer(tdfOptions(c, cOut, bins, bins))));
    case BlockType::Tdf:
        if (cIn == cOut)
            return nn::AnyModule(TdfLayer(tdfOptions(c, cIn, bins, bins)));
        return nn::AnyModule(LayerSequence(TdfLayer(tdfOptions(c, cIn, bins, bins)),
                                            nn::Conv2d(nn::Conv2dOptions(cIn, cOut, 1))));
    case BlockType::TdcRnn:
        return makeRnnBlock(c, nn::AnyModule(TdcBlock(cIn, c.numLayers, cOut, c.kernelF)), "tic", cOut,
                            bins);
    case BlockType::TfcRnn:
        return makeRnnBlock(c, nn::AnyModule(TfcBlock(cIn, c.numLayers, cOut, c.kernelT, c.kernelF)),
                            "tfc", cOut, bins);
    }
    throw std::invalid_argument("unknown block type");
}

nn::AnyModule makeDownsampling(const UNetConfig &c, int level)
{
    if (c.sampling == SamplingType::TdcSampling)
        return nn::AnyModule(TdcSampling(c.internalChannels, false));
    return makeConv2dSampling(c, false, halvesTime(c, level));
}

nn::AnyModule makeUpsampling(const UNetConfig &c, int level)
{
    if (c.sampling == SamplingType::TdcSampling)
        return nn::AnyModule(TdcSampling(c.internalChannels, true));
    return makeConv2dSampling(c, true, halvesTime(c, c.levels() - 1 - level));
}

} // namespace mirstudio::tfctdf
