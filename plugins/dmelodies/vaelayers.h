// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>

namespace mirstudio::dmelodies {

/** Linear(in → hidden) → SELU → Linear(hidden → out): the benchmark's mean / log-std heads. */
torch::nn::Sequential headMlp(int64_t in, int64_t hidden, int64_t out);
/** Linear(in → out) → SELU. */
torch::nn::Sequential linearSelu(int64_t in, int64_t out);
/** xavier_normal_ on every parameter whose name contains "weight" (the official constructors). */
void xavierNormalWeights(torch::nn::Module &module);
/**
 * libtorch forbids dots in submodule names, so the models register "encoder__lstm" for the
 * official "encoder.lstm": this maps each of the module's tensor names to its official key.
 */
std::map<std::string, std::string> officialKeyMap(const torch::nn::Module &module);

} // namespace mirstudio::dmelodies
