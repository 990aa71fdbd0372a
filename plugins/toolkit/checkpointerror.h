// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace mirstudio::toolkit {

/**
 * Why a checkpoint could not be read: a damaged or truncated file, an unsupported layout, or a
 * pickle that asks for something other than tensors. The message names the file part and byte
 * offset where that helps. Torch-free (the fuzz build uses it). Thread: any.
 */
class CheckpointError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace mirstudio::toolkit
