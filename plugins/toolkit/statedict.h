// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/checkpointreader.h"

#include <torch/torch.h>

#include <map>
#include <string>

namespace mirstudio::toolkit {

/**
 * Maps a module's parameter/buffer names (libtorch's dotted names) to the names the official
 * checkpoint uses. Names not in the map are looked up unchanged.
 */
using KeyMap = std::map<std::string, std::string>;

/**
 * The module's parameters, then its buffers (recursively, libtorch's dotted names, each group in
 * registration order). Tensors are the module's own (not copies). Thread: the module's owner.
 */
StateDict stateDictOf(const torch::nn::Module &module);

/**
 * Copies `dict` into `module`'s parameters and buffers, each looked up through `map`. Every
 * problem is collected and reported together in one CheckpointError: missing keys (the module
 * has a tensor the dict lacks), unexpected keys (dict entries no module tensor takes; only when
 * `strict`) and shape mismatches (both shapes given). Nothing is copied unless everything fits.
 * Values are converted to the module tensor's dtype and device. Thread: the module's owner.
 */
void applyStateDict(torch::nn::Module &module, const StateDict &dict, const KeyMap &map = {},
                    bool strict = true);

} // namespace mirstudio::toolkit
