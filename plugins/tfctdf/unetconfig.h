// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace mirstudio::tfctdf {

/** The intermediate blocks of Choi et al. (ISMIR 2020), as the official code names them. */
enum class BlockType {
    Tdc,     ///< TDC (= TIC): dense 1-D convolutions along frequency, per frame
    Tfc,     ///< TFC: dense 2-D convolutions over time and frequency
    Tdf,     ///< TDF (= TIF): fully connected along frequency (+ 1x1 conv when channels change)
    TfcTdf,  ///< TFC-TDF: TFC followed by a residual TDF
    TdcRnn,  ///< TIC-RNN: TDC, BN, GRU over time per channel, TDF-like projection, residual
    TfcRnn,  ///< TFC-RNN: TFC, BN, GRU over time per channel, TDF-like projection, residual
};

/** How the U-Net changes resolution between levels. */
enum class SamplingType {
    TdcSampling,  ///< per-frame Conv1d / ConvTranspose1d (k = stride = 2) on F, then BatchNorm2d
    Conv2d,       ///< Conv2d / ConvTranspose2d with kernel = stride = (2, 2) or (1, 2), then BN
};

/** The output head of the official U_Net_Framework (`est_mode`). */
enum class EstimationMode { CacMapping, MagMapping, MaskingSigmoid, MaskingTanh, MaskingRelu };

/**
 * Hyper-parameters of one U-Net (official `U_Net_Framework` + block builders of the notebooks).
 * A plain value; presets give the published 17-block configurations. Any thread.
 */
struct UNetConfig
{
    BlockType block = BlockType::Tdc;
    SamplingType sampling = SamplingType::TdcSampling;
    EstimationMode estimation = EstimationMode::CacMapping;
    int inputChannels = 4;       ///< 4: complex-as-channels stereo; 2: magnitude stereo
    int internalChannels = 24;
    int numBlocks = 17;          ///< odd: (numBlocks-1)/2 encoders, one mid block, as many decoders
    int numLayers = 5;           ///< dense layers per TFC/TDC block
    int kernelT = 3;
    int kernelF = 3;
    int bnFactor = 16;           ///< TDF bottleneck: F -> max(F / bnFactor, minBnUnits) -> F; 0: one layer
    int minBnUnits = 16;
    bool tdfBias = true;         ///< bias of the TDF linear layers
    bool tdfAffineBn = true;     ///< affine BatchNorm in the TDF (maintained code: = tdfBias)
    int rnnBnFactor = 16;        ///< TIC-/TFC-RNN: GRU hidden units = max(F / rnnBnFactor, 16)
    int rnnLayers = 1;
    bool rnnBidirectional = true;
    std::vector<int> tDownLayers;  ///< encoder levels after which T is halved as well (Conv2d)
    int nFft = 2048;             ///< the network sees nFft/2 + 1 bins; blocks work on nFft/2
    int frames = 64;             ///< frames per chunk (dim_t)

    int levels() const { return numBlocks / 2; }
    int frequencyBins() const { return nFft / 2; }
    /** Empty when the configuration is usable, else what is wrong. */
    std::string validate() const;

    /** The paper's Table-1 TDC model (notebook "[Table-1] TDC (17_blocked_SDR 4.86)"). */
    static UNetConfig tdc17();
    /** The paper's Table-2 TFC-TDF model (notebook "[Table-2] TFC_TDF (17_blocked_SDR 7.12)"). */
    static UNetConfig tfcTdf17();
};

const char *blockTypeName(BlockType type);
/** Parses "tdc", "tfc", "tdf", "tfc_tdf", "tdc_rnn", "tfc_rnn"; false for anything else. */
bool blockTypeFromName(const std::string &name, BlockType *type);

} // namespace mirstudio::tfctdf
