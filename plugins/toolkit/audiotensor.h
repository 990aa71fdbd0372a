// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <torch/torch.h>

namespace mirstudio::toolkit {

/**
 * An AudioBuffer as a float32 CPU tensor [channels, frames] (a copy). Throws
 * std::invalid_argument when the channels differ in length. Thread: any.
 */
torch::Tensor audioToTensor(const sdk::AudioBuffer &audio);

/**
 * A tensor [frames] or [channels, frames] (any floating dtype, any device) as an AudioBuffer
 * at `sampleRate` (a copy, converted to float32 on the CPU). Throws std::invalid_argument for
 * other ranks or non-floating tensors. Thread: any.
 */
sdk::AudioBuffer tensorToAudio(const torch::Tensor &samples, double sampleRate);

} // namespace mirstudio::toolkit
