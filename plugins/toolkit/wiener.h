// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <functional>

namespace mirstudio::toolkit {

/**
 * Settings of the multichannel generalised Wiener filter as Open-Unmix's `filtering.wiener` and
 * `Separator` define them (a re-implementation of sigsep/norbert).
 */
struct WienerConfig
{
    int iterations = 1;        ///< EM iterations (0: initial estimates only)
    bool softmask = false;     ///< initial estimate: ratio mask (true) or magnitude + mix phase
    bool residual = false;     ///< add a "mix minus all targets" source before EM
    double scaleFactor = 10.0; ///< mix and estimates are divided by max(1, max|mix| / this)
    double eps = 1e-10;        ///< regularisation (white-noise energy) of EM and soft masks
    int windowFrames = 300;    ///< frames filtered independently per window (0: all at once)
};

/**
 * Initial complex source estimates. `targetSpectrograms`: non-negative magnitudes
 * [frames, bins, channels (1 or C), sources]; `mixStft`: complex [frames, bins, C].
 * Returns complex [frames, bins, C, sources (+1 with residual)]. Pure function, any thread.
 */
torch::Tensor wienerInitialEstimates(const torch::Tensor &targetSpectrograms,
                                     const torch::Tensor &mixStft, bool softmask, bool residual,
                                     double eps = 1e-10);

/**
 * Refines complex estimates y [frames, bins, C, sources] of the mixture x [frames, bins, C] by
 * `iterations` EM steps (local Gaussian model: PSDs v_j = mean over channels of |y_j|², spatial
 * covariances R_j summed over all frames, gain v_j R_j Cxx⁻¹). C must be 1 or 2 for the analytic
 * inverse; larger C uses a general inverse. Runs in the input dtype. Returns the new estimates.
 * `poll` (optional) is called before each iteration so a caller can stop by throwing from it.
 */
torch::Tensor expectationMaximization(const torch::Tensor &y, const torch::Tensor &x,
                                      int iterations, double eps = 1e-10,
                                      const std::function<void()> &poll = {});

/**
 * One Wiener window: initial estimates, scaling, EM, scaling back (`filtering.wiener`).
 * Shapes as wienerInitialEstimates. Throws std::invalid_argument for one source with EM.
 * `poll` (optional) is passed to the EM iterations.
 */
torch::Tensor wiener(const torch::Tensor &targetSpectrograms, const torch::Tensor &mixStft,
                     const WienerConfig &config, const std::function<void()> &poll = {});

/**
 * wiener() applied independently to consecutive windows of config.windowFrames frames, as
 * `Separator.forward` does, so memory is bounded by the window. Same shapes as wiener().
 * `poll` (optional) is called before each window and each EM iteration so a caller can stop by
 * throwing from it.
 */
torch::Tensor wienerWindowed(const torch::Tensor &targetSpectrograms, const torch::Tensor &mixStft,
                             const WienerConfig &config, const std::function<void()> &poll = {});

/** Inverses of complex square matrices M [..., C, C]: analytic for C = 1 and 2 (as filtering.py). */
torch::Tensor invertComplexMatrices(const torch::Tensor &m);

} // namespace mirstudio::toolkit
