// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxconfig.h"

#include <cmath>
#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

const torch::Tensor &require(const StateDict &dict, const std::string &key, int64_t dims)
{
    const auto it = dict.find(key);
    if (it == dict.end())
        throw std::invalid_argument("state_dict has no \"" + key + "\" (not an Open-Unmix model)");
    if (it->second.dim() != dims)
        throw std::invalid_argument("state_dict \"" + key + "\" has " + std::to_string(it->second.dim())
                                    + " dimensions, expected " + std::to_string(dims));
    return it->second;
}

} // namespace

int UmxConfig::bandwidthToMaxBin(double sampleRate, int nFft, double bandwidth)
{
    // np.linspace(0, rate / 2, n_fft // 2 + 1, endpoint=True); max(where(freqs <= bw)) + 1
    const int bins = nFft / 2 + 1;
    int last = 0;
    for (int k = 0; k < bins; ++k) {
        const double f = (sampleRate / 2.0) * double(k) / double(bins - 1);
        if (f <= bandwidth)
            last = k;
    }
    return last + 1;
}

UmxConfig UmxConfig::fromStateDict(const StateDict &dict)
{
    UmxConfig c;
    const auto &fc1 = require(dict, "fc1.weight", 2);
    const auto &fc3 = require(dict, "fc3.weight", 2);
    c.hiddenSize = int(fc1.size(0));
    c.maxBin = int(require(dict, "input_mean", 1).size(0));
    c.nbBins = int(require(dict, "output_mean", 1).size(0));
    if (c.maxBin <= 0 || fc1.size(1) % c.maxBin != 0 || c.nbBins <= 0 || fc3.size(0) % c.nbBins != 0)
        throw std::invalid_argument("state_dict shapes of fc1/fc3/input_mean/output_mean disagree");
    c.nbChannels = int(fc1.size(1) / c.maxBin);
    if (fc3.size(0) / c.nbBins != c.nbChannels)
        throw std::invalid_argument("state_dict fc1 and fc3 disagree on the channel count");
    c.nbLayers = 0;
    while (dict.count("lstm.weight_ih_l" + std::to_string(c.nbLayers)))
        ++c.nbLayers;
    if (c.nbLayers == 0)
        throw std::invalid_argument("state_dict has no \"lstm.weight_ih_l0\" (not an Open-Unmix model)");
    c.unidirectional = dict.count("lstm.weight_ih_l0_reverse") == 0;
    return c;
}

} // namespace mirstudio::openunmix
