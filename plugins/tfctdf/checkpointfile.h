// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/statedictimport.h"
#include "plugins/tfctdf/unet.h"

#include <string>

namespace mirstudio::tfctdf {

/**
 * Reads a checkpoint file into ordered (key, tensor) pairs: PyTorch's zip or legacy format with a
 * (Ordered)Dict of tensors, a Lightning checkpoint's "state_dict" included. Tensors end up on the
 * CPU. Throws std::runtime_error naming the file and the problem. Any thread.
 */
NamedTensors readCheckpoint(const std::string &path);

/** A network of `config` with the weights of `path` (either key layout), in eval mode. Throws
 *  std::runtime_error when the file cannot be read or does not fit the configuration. */
UNet loadNetwork(const std::string &path, const UNetConfig &config);

} // namespace mirstudio::tfctdf
