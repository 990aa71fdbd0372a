// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/picklevalue.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

/**
 * A parsed PyTorch checkpoint before any tensor is made: the unpickled tree, its tensor views,
 * its storages and where each storage's bytes lie in the file buffer (which must outlive this).
 * Every view is inside its storage and every storage's byte count matches its declaration.
 * Made by parseCheckpoint. Torch-free. Value type; thread: any.
 */
struct CheckpointContents
{
    enum class Format { Zip, Legacy };

    Format format = Format::Zip;
    PickleValue root;
    std::vector<StorageRecord> storages;
    std::vector<TensorRecord> tensors;
    std::vector<const uint8_t *> storageData; ///< per storage, little-endian elements
};

/**
 * Parses the bytes of a file written by torch.save: the zip format (torch >= 1.6: <dir>/data.pkl,
 * <dir>/data/<key>) or the legacy format (magic number, protocol, sys_info, main pickle, storage
 * key list, then each storage as an int64 element count and raw bytes). Only tensor data is
 * accepted (see RestrictedUnpickler). Throws CheckpointError with the part and byte offset.
 */
CheckpointContents parseCheckpoint(const uint8_t *data, size_t size);

} // namespace mirstudio::toolkit
