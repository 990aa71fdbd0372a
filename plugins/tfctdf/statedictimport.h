// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace mirstudio::tfctdf {

class UNetImpl;

/** An ordered state dict: (key, tensor) pairs as a checkpoint stores them. */
using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

/** The two key layouts of the official code (one module tree, two name maps). */
enum class KeyLayout {
    Paper,       ///< `.deprecated/` U_Net_Framework, the published `cac_*_vocals_top*.pt` files
    Maintained,  ///< `source_separation/` package: "spec2spec." prefix, (T, F) first/last conv
};

/** Maintained if any key starts with "spec2spec.", else Paper. */
KeyLayout detectKeyLayout(const NamedTensors &state);

/**
 * Rewrites a maintained-package state dict into the paper-era layout: drops "spec2spec." and
 * "stft.*", renames downsamplings/upsamplings/last_conv, and converts first_conv/final_conv
 * weights from (T, F) kernels with channels [L.re, R.re, L.im, R.im] to (F, T) kernels with
 * [L.re, L.im, R.re, R.im] (for 4 input channels). Paper-layout input is returned unchanged.
 */
NamedTensors toPaperLayout(const NamedTensors &state);

/**
 * Copies a paper-layout state dict into `net` as PyTorch's strict load_state_dict does: every
 * parameter and buffer must be present with the same shape, and no key may be left over
 * (toolkit::applyStateDict). Throws toolkit::CheckpointError (a std::runtime_error) naming every
 * missing, unexpected or mis-shaped key; nothing is copied then.
 */
void loadPaperStateDict(UNetImpl &net, const NamedTensors &state);

/** The channel permutation between [L.re, R.re, L.im, R.im] and [L.re, L.im, R.re, R.im]
 *  (its own inverse), for converting spectrograms between the layouts. */
torch::Tensor complexChannelPermutation();

} // namespace mirstudio::tfctdf
