// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

/** Element types a checkpoint storage may hold (the torch.*Storage classes the reader accepts). */
enum class StorageType { Float32, Float64, Float16, BFloat16, Int64, Int32, Int16, Int8, UInt8, Bool };

/** Bytes per element of `type`. */
int elementSize(StorageType type);

/** Python class name of `type`'s storage, e.g. "FloatStorage". */
const char *storageClassName(StorageType type);

/** One storage a checkpoint refers to: its archive key, element type, saved device and size. */
struct StorageRecord
{
    std::string key;         ///< zip: archive/data/<key>; legacy: position in the key list
    StorageType type = StorageType::Float32;
    std::string location;    ///< as saved ("cpu", "cuda:0"); the reader always loads to CPU
    int64_t numel = 0;       ///< elements, as the pickle declares them
};

/** A tensor rebuild record: a strided view into one storage (torch._utils._rebuild_tensor_v2). */
struct TensorRecord
{
    int storage = -1;        ///< index into the checkpoint's storages
    int64_t offset = 0;      ///< in elements
    std::vector<int64_t> sizes;
    std::vector<int64_t> strides;
    bool requiresGrad = false;
};

/**
 * A value of an unpickled checkpoint as a plain owned tree: Python scalars, strings, containers
 * and references to tensor records. Dicts keep insertion order (OrderedDict and dict alike) and
 * store key/value pairs interleaved in `items`. Torch-free. Value type; thread: any.
 */
struct PickleValue
{
    enum class Kind { None, Bool, Int, BigInt, Float, String, Bytes, Tuple, List, Dict, Tensor,
                      Storage, Global };

    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;               ///< String, Bytes, Global ("module.name"), BigInt (LE bytes)
    std::vector<PickleValue> items; ///< Tuple, List; Dict: key0, value0, key1, value1, ...
    bool ordered = false;           ///< Dict made by collections.OrderedDict
    int index = -1;                 ///< Tensor: index of its TensorRecord; Storage: StorageRecord

    bool isDict() const { return kind == Kind::Dict; }
    size_t dictSize() const { return isDict() ? items.size() / 2 : 0; }
    const PickleValue &dictKey(size_t i) const { return items[2 * i]; }
    const PickleValue &dictValue(size_t i) const { return items[2 * i + 1]; }
    /** The value under the string key `key` of a dict, or nullptr. */
    const PickleValue *find(const std::string &key) const;
    /** A short description for error messages ("dict of 716 entries", "str 'abc'"). */
    std::string describe() const;
};

} // namespace mirstudio::toolkit
