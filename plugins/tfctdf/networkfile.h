// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/statedictimport.h"
#include "plugins/tfctdf/unet.h"

#include <string>

namespace mirstudio::tfctdf {

/**
 * Writes the parameters and buffers of `net` under their paper-era state-dict keys as a dict of
 * tensors (torch::pickle_save's zip format, which Python reads with torch.load and
 * loadNetwork()/readCheckpoint() read back through the toolkit's restricted reader, which
 * accepts libtorch's restore_type_tag wrapper). Atomic (temp file + rename). Throws
 * std::runtime_error on I/O failure. Any thread, while nobody trains `net`.
 */
void saveNetwork(const UNetImpl &net, const std::string &path);

} // namespace mirstudio::tfctdf
