// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>

namespace mirstudio::openunmix {

/** A state_dict: official key → tensor (plain value). */
using StateDict = std::map<std::string, torch::Tensor>;

/**
 * The constructor arguments of Open-Unmix's `OpenUnmix` module (plain value). The defaults are
 * the umxhq layout; hidden size and layers are free so the project can train small models.
 */
struct UmxConfig
{
    int nbBins = 2049;         ///< output bins (n_fft / 2 + 1)
    int nbChannels = 2;        ///< 1: the model sees the mean magnitude of the channels
    int hiddenSize = 512;
    int nbLayers = 3;
    bool unidirectional = false;
    int maxBin = 1487;         ///< input bins kept (bandwidth limit); <= nbBins

    /** The official `bandwidth_to_max_bin`: bins whose centre is <= bandwidth Hz, plus one. */
    static int bandwidthToMaxBin(double sampleRate, int nFft, double bandwidth);

    /**
     * Reads the configuration back from a state_dict's shapes (fc1, fc3, output_mean,
     * input_mean, lstm keys). Throws std::invalid_argument naming what is missing or inconsistent.
     */
    static UmxConfig fromStateDict(const StateDict &dict);
};

} // namespace mirstudio::openunmix
