// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/picklevalue.h"

namespace mirstudio::toolkit {

int elementSize(StorageType type)
{
    switch (type) {
    case StorageType::Float64:
    case StorageType::Int64:
        return 8;
    case StorageType::Float32:
    case StorageType::Int32:
        return 4;
    case StorageType::Float16:
    case StorageType::BFloat16:
    case StorageType::Int16:
        return 2;
    case StorageType::Int8:
    case StorageType::UInt8:
    case StorageType::Bool:
        return 1;
    }
    return 1;
}

const char *storageClassName(StorageType type)
{
    switch (type) {
    case StorageType::Float32: return "FloatStorage";
    case StorageType::Float64: return "DoubleStorage";
    case StorageType::Float16: return "HalfStorage";
    case StorageType::BFloat16: return "BFloat16Storage";
    case StorageType::Int64: return "LongStorage";
    case StorageType::Int32: return "IntStorage";
    case StorageType::Int16: return "ShortStorage";
    case StorageType::Int8: return "CharStorage";
    case StorageType::UInt8: return "ByteStorage";
    case StorageType::Bool: return "BoolStorage";
    }
    return "?";
}

const PickleValue *PickleValue::find(const std::string &key) const
{
    for (size_t i = 0; i < dictSize(); ++i) {
        if (dictKey(i).kind == Kind::String && dictKey(i).text == key)
            return &dictValue(i);
    }
    return nullptr;
}

std::string PickleValue::describe() const
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::Int: return "int " + std::to_string(integer);
    case Kind::BigInt: return "large int";
    case Kind::Float: return "float " + std::to_string(real);
    case Kind::String: return "str '" + text.substr(0, 40) + "'";
    case Kind::Bytes: return "bytes of length " + std::to_string(text.size());
    case Kind::Tuple: return "tuple of " + std::to_string(items.size());
    case Kind::List: return "list of " + std::to_string(items.size());
    case Kind::Dict:
        return std::string(ordered ? "OrderedDict" : "dict") + " of "
            + std::to_string(dictSize()) + " entries";
    case Kind::Tensor: return "tensor";
    case Kind::Storage: return "storage";
    case Kind::Global: return "global '" + text + "'";
    }
    return "?";
}

} // namespace mirstudio::toolkit
