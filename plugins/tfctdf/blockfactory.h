// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/unetconfig.h"

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * Builders of the U-Net's level modules from a UNetConfig, as the official notebooks' mk_block_f,
 * mk_ds_f and mk_us_f do. Each returns a fresh module (forward(Tensor) → Tensor) with the
 * official parameter names. Pure functions; any thread.
 */

/** The intermediate block of one level: [B, cIn, T, F] → [B, cOut, T, F] at `bins` = F. */
torch::nn::AnyModule makeBlock(const UNetConfig &config, int cIn, int cOut, int bins);
/** Down-sampling after encoder `level`. */
torch::nn::AnyModule makeDownsampling(const UNetConfig &config, int level);
/** Up-sampling before decoder `level`. */
torch::nn::AnyModule makeUpsampling(const UNetConfig &config, int level);

} // namespace mirstudio::tfctdf
