// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/umxconfig.h"

#include <torch/torch.h>

#include <string>

namespace mirstudio::openunmix {

/**
 * Reads a state_dict saved as a plain `dict` of str → Tensor in torch's zip format (what
 * `torch.save(dict(model.state_dict()))` and writeStateDictFile write). Throws std::runtime_error
 * naming the file for a missing, unreadable or non-dict file. Any thread.
 */
StateDict readStateDictFile(const std::string &path);

/** Writes `dict` with torch::pickle_save as a plain dict (Python's torch.load reads it). */
void writeStateDictFile(const std::string &path, const StateDict &dict);

/** Every parameter and buffer of `module` under its dotted name ("bn1.running_mean"). */
StateDict stateDictOf(const torch::nn::Module &module);

/**
 * Copies `dict` into `module` strictly: every key of the module must be present with the same
 * shape and no key may be left over (load_state_dict(strict=True)). Throws std::invalid_argument
 * naming the first offending key.
 */
void loadStateDict(torch::nn::Module &module, const StateDict &dict);

} // namespace mirstudio::openunmix
