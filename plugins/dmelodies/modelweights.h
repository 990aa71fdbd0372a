// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/checkpointreader.h"

#include <QString>
#include <torch/torch.h>

namespace mirstudio::dmelodies {

/** Loads an official-layout state_dict (a torch.save'd dict) into a model (strict: every key). Throws on mismatch. */
void loadOfficialStateDict(torch::nn::Module &model, const toolkit::StateDict &dict);
/** Reads `path` and loads it as loadOfficialStateDict does. */
void loadOfficialWeights(torch::nn::Module &model, const QString &path);
/** Writes the model's tensors under their official keys as a plain dict torch.load reads. */
void saveOfficialWeights(const torch::nn::Module &model, const QString &path);

} // namespace mirstudio::dmelodies
