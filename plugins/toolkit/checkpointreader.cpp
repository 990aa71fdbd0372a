// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/checkpointreader.h"

#include <QFile>

#include <cstring>

namespace mirstudio::toolkit {

namespace {

using Kind = PickleValue::Kind;

at::ScalarType scalarType(StorageType type)
{
    switch (type) {
    case StorageType::Float32: return at::kFloat;
    case StorageType::Float64: return at::kDouble;
    case StorageType::Float16: return at::kHalf;
    case StorageType::BFloat16: return at::kBFloat16;
    case StorageType::Int64: return at::kLong;
    case StorageType::Int32: return at::kInt;
    case StorageType::Int16: return at::kShort;
    case StorageType::Int8: return at::kChar;
    case StorageType::UInt8: return at::kByte;
    case StorageType::Bool: return at::kBool;
    }
    return at::kFloat;
}

bool isTensorDict(const PickleValue &v)
{
    if (!v.isDict() || v.dictSize() == 0)
        return false;
    for (size_t i = 0; i < v.dictSize(); ++i) {
        if (v.dictKey(i).kind != Kind::String || v.dictValue(i).kind != Kind::Tensor)
            return false;
    }
    return true;
}

StateDict toStateDict(const CheckpointTree &tree, const PickleValue &dict)
{
    StateDict out;
    out.reserve(dict.dictSize());
    for (size_t i = 0; i < dict.dictSize(); ++i)
        out.emplace_back(dict.dictKey(i).text, tree.tensor(dict.dictValue(i)));
    return out;
}

} // namespace

at::Tensor CheckpointTree::tensor(const PickleValue &value) const
{
    if (value.kind != Kind::Tensor || value.index < 0 || size_t(value.index) >= tensors.size())
        throw CheckpointError("expected a tensor, found " + value.describe());
    return tensors[size_t(value.index)];
}

CheckpointTree readCheckpoint(const QByteArray &bytes, const QString &name)
{
    CheckpointTree tree;
    try {
        CheckpointContents contents = parseCheckpoint(
            reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
        std::vector<at::Tensor> storages;
        storages.reserve(contents.storages.size());
        for (size_t i = 0; i < contents.storages.size(); ++i) {
            const StorageRecord &s = contents.storages[i];
            at::Tensor t = torch::empty({s.numel}, torch::TensorOptions().dtype(scalarType(s.type)));
            if (s.numel > 0)
                std::memcpy(t.data_ptr(), contents.storageData[i], size_t(t.nbytes()));
            storages.push_back(std::move(t));
        }
        tree.tensors.reserve(contents.tensors.size());
        for (const TensorRecord &r : contents.tensors) {
            at::Tensor t = storages[size_t(r.storage)].as_strided(r.sizes, r.strides, r.offset);
            if (r.requiresGrad && at::isFloatingType(t.scalar_type()))
                t = t.detach().requires_grad_(true);
            tree.tensors.push_back(std::move(t));
        }
        tree.format = contents.format;
        tree.root = std::move(contents.root);
    } catch (const CheckpointError &e) {
        throw CheckpointError(name.toStdString() + ": " + e.what());
    }
    return tree;
}

CheckpointTree loadCheckpoint(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw CheckpointError(path.toStdString() + ": cannot open (" + file.errorString().toStdString()
                              + ")");
    return readCheckpoint(file.readAll(), path);
}

StateDict stateDictFrom(const CheckpointTree &tree)
{
    const PickleValue &root = tree.root;
    if (isTensorDict(root))
        return toStateDict(tree, root);
    if (!root.isDict())
        throw CheckpointError("checkpoint holds a " + root.describe() + ", not a state dict");
    for (const char *key : {"state_dict", "model_state_dict", "model", "state", "net"}) {
        if (const PickleValue *v = root.find(key); v && isTensorDict(*v))
            return toStateDict(tree, *v);
    }
    const PickleValue *only = nullptr;
    std::string keys;
    for (size_t i = 0; i < root.dictSize(); ++i) {
        keys += (keys.empty() ? "" : ", ") + root.dictKey(i).describe();
        if (isTensorDict(root.dictValue(i)))
            only = only ? &root : &root.dictValue(i);
    }
    if (only && only != &root)
        return toStateDict(tree, *only);
    throw CheckpointError("no single state dict (a dict of name -> tensor) in the checkpoint; "
                          "its keys: " + keys);
}

StateDict loadStateDict(const QString &path)
{
    return stateDictFrom(loadCheckpoint(path));
}

} // namespace mirstudio::toolkit
