// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/picklevalue.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

/**
 * A pickle reader for PyTorch checkpoints that never runs anything: it understands the opcodes
 * torch.save emits (protocols 2 to 4) and only these globals: collections.OrderedDict,
 * torch._utils._rebuild_tensor_v2 / _rebuild_tensor / _rebuild_parameter and the torch.*Storage
 * classes, plus persistent ids ('storage', type, key, location, numel[, view]) for storages.
 * Any other global, call or object build is refused with a CheckpointError naming it. The
 * result is a plain PickleValue tree; storages and tensor views it meets are appended to the
 * records passed in (a storage key seen twice is one record). Every view is checked against its
 * storage's declared size. Memory stays proportional to the pickle's size. Torch-free.
 * Not thread-safe (one object per reading thread).
 */
class RestrictedUnpickler
{
public:
    RestrictedUnpickler(std::vector<StorageRecord> &storages, std::vector<TensorRecord> &tensors);

    /**
     * Reads one pickle from data[pos, size) up to and including its STOP opcode and advances
     * `pos` past it. `part` names the pickle in error messages ("data.pkl"). Throws
     * CheckpointError.
     */
    PickleValue load(const uint8_t *data, size_t size, size_t &pos, const std::string &part);

private:
    std::vector<StorageRecord> &m_storages;
    std::vector<TensorRecord> &m_tensors;
};

} // namespace mirstudio::toolkit
