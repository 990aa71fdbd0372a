// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness for the torch-free core of the toolkit's checkpoint reader (zip and legacy
// containers, restricted unpickler), built by tests/fuzz/standalone with ASan + UBSan. Any input
// must either parse or throw CheckpointError; what parses must keep the reader's promises:
// every tensor view inside its storage and every storage's bytes inside the input.
#include "plugins/toolkit/checkpointcontents.h"
#include "plugins/toolkit/checkpointerror.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace mirstudio::toolkit;
    CheckpointContents contents;
    try {
        contents = parseCheckpoint(data, size);
    } catch (const CheckpointError &) {
        return 0;
    }
    if (contents.storageData.size() != contents.storages.size())
        std::abort();
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < contents.storages.size(); ++i) {
        const uint64_t bytes = uint64_t(contents.storages[i].numel)
            * uint64_t(elementSize(contents.storages[i].type));
        const uint8_t *p = contents.storageData[i];
        if (bytes > size || p < data || p + bytes > data + size)
            std::abort(); // a storage claims bytes the input does not have
        if (bytes > 0)
            sink = sink + p[0] + p[bytes - 1]; // ASan checks both ends
    }
    for (const TensorRecord &t : contents.tensors) {
        if (t.storage < 0 || size_t(t.storage) >= contents.storages.size())
            std::abort();
        if (t.sizes.size() != t.strides.size())
            std::abort();
        bool empty = false;
        for (int64_t s : t.sizes)
            empty = empty || s == 0;
        int64_t last = t.offset;
        for (size_t d = 0; d < t.sizes.size() && !empty; ++d) {
            int64_t step = 0;
            if (__builtin_mul_overflow(t.sizes[d] - 1, t.strides[d], &step)
                || __builtin_add_overflow(last, step, &last))
                std::abort();
        }
        if (!empty && last >= contents.storages[size_t(t.storage)].numel)
            std::abort(); // a view outside its storage passed the checks
    }
    return 0;
}
