// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <vector>

namespace mirstudio::openunmix {

/** Planar channels (equal lengths) → float tensor [channels, time] (a copy). */
torch::Tensor tensorFromChannels(const std::vector<std::vector<float>> &channels);

/** Float tensor [channels, time] → planar channels (a copy). */
std::vector<std::vector<float>> channelsFromTensor(const torch::Tensor &t);

} // namespace mirstudio::openunmix
