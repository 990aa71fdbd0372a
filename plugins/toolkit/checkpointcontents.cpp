// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/checkpointcontents.h"

#include "plugins/toolkit/checkpointerror.h"
#include "plugins/toolkit/restrictedunpickler.h"
#include "plugins/toolkit/ziparchive.h"

#include <cstring>

namespace mirstudio::toolkit {

namespace {

using Kind = PickleValue::Kind;

// 0x1950a86a20f9469cfc6c as pickle's little-endian LONG1 payload.
const std::string kLegacyMagic("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 10);
constexpr int64_t kLegacyProtocol = 1001;

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size()
        && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

uint64_t storageBytes(const StorageRecord &s)
{
    return uint64_t(s.numel) * uint64_t(elementSize(s.type)); // numel < 2^63, size <= 8
}

void parseZip(const uint8_t *data, size_t size, CheckpointContents &out)
{
    const ZipArchive zip(data, size);
    const ZipArchive::Entry *pickle = nullptr;
    for (const auto &e : zip.entries()) {
        if (endsWith(e.name, "/data.pkl") && e.name.find('/') == e.name.size() - 9) {
            pickle = &e;
            break;
        }
    }
    if (!pickle)
        throw CheckpointError("zip archive has no <dir>/data.pkl: not a torch.save checkpoint");
    const std::string dir = pickle->name.substr(0, pickle->name.size() - 8);
    if (const auto *order = zip.find(dir + "byteorder");
        order && std::string(reinterpret_cast<const char *>(order->data), order->size) != "little")
        throw CheckpointError("big-endian checkpoints are not supported");
    RestrictedUnpickler unpickler(out.storages, out.tensors);
    size_t pos = 0;
    out.root = unpickler.load(pickle->data, pickle->size, pos, pickle->name);
    for (const StorageRecord &s : out.storages) {
        const auto *entry = zip.find(dir + "data/" + s.key);
        if (!entry)
            throw CheckpointError("storage '" + s.key + "' is missing from the archive (no "
                                  + dir + "data/" + s.key + ")");
        if (entry->size != storageBytes(s))
            throw CheckpointError("storage '" + s.key + "' holds " + std::to_string(entry->size)
                                  + " bytes but is declared as " + std::to_string(s.numel)
                                  + " elements of " + storageClassName(s.type));
        out.storageData.push_back(entry->data);
    }
}

void parseLegacy(const uint8_t *data, size_t size, CheckpointContents &out)
{
    std::vector<StorageRecord> noStorages;
    std::vector<TensorRecord> noTensors;
    RestrictedUnpickler header(noStorages, noTensors);
    size_t pos = 0;
    const PickleValue magic = header.load(data, size, pos, "legacy magic number");
    if (magic.kind != Kind::BigInt || magic.text != kLegacyMagic)
        throw CheckpointError("wrong magic number: not a legacy PyTorch checkpoint");
    const PickleValue protocol = header.load(data, size, pos, "legacy protocol version");
    if (protocol.kind != Kind::Int || protocol.integer != kLegacyProtocol)
        throw CheckpointError("legacy checkpoint protocol " + protocol.describe()
                              + " is not supported (expected 1001)");
    const PickleValue sysInfo = header.load(data, size, pos, "legacy sys_info");
    if (const PickleValue *little = sysInfo.find("little_endian");
        little && little->kind == Kind::Bool && !little->boolean)
        throw CheckpointError("big-endian checkpoints are not supported");
    RestrictedUnpickler main(out.storages, out.tensors);
    out.root = main.load(data, size, pos, "legacy main pickle");
    const PickleValue keys = header.load(data, size, pos, "legacy storage key list");
    if (keys.kind != Kind::List)
        throw CheckpointError("legacy storage key list is a " + keys.describe());
    out.storageData.assign(out.storages.size(), nullptr);
    for (const PickleValue &key : keys.items) {
        size_t index = out.storages.size();
        for (size_t i = 0; i < out.storages.size(); ++i) {
            if (key.kind == Kind::String && out.storages[i].key == key.text)
                index = i;
        }
        if (index == out.storages.size())
            throw CheckpointError("legacy storage list names " + key.describe()
                                  + ", which no tensor uses");
        const StorageRecord &s = out.storages[index];
        if (size - pos < 8)
            throw CheckpointError("truncated file: storage '" + s.key + "' header at byte "
                                  + std::to_string(pos));
        int64_t numel = 0;
        std::memcpy(&numel, data + pos, 8); // little-endian host (checked at build time below)
        if (numel != s.numel)
            throw CheckpointError("storage '" + s.key + "' at byte " + std::to_string(pos)
                                  + " holds " + std::to_string(numel)
                                  + " elements but the pickle declares " + std::to_string(s.numel));
        pos += 8;
        if (storageBytes(s) > size - pos)
            throw CheckpointError("truncated file: storage '" + s.key + "' at byte "
                                  + std::to_string(pos) + " needs " + std::to_string(storageBytes(s))
                                  + " bytes, " + std::to_string(size - pos) + " left");
        if (out.storageData[index])
            throw CheckpointError("storage '" + s.key + "' is stored twice");
        out.storageData[index] = data + pos;
        pos += size_t(storageBytes(s));
    }
    for (size_t i = 0; i < out.storages.size(); ++i) {
        if (!out.storageData[i])
            throw CheckpointError("storage '" + out.storages[i].key + "' has no data in the file");
    }
}

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the checkpoint reader assumes a "
                                                         "little-endian host");

} // namespace

CheckpointContents parseCheckpoint(const uint8_t *data, size_t size)
{
    CheckpointContents out;
    if (ZipArchive::looksLikeZip(data, size)) {
        out.format = CheckpointContents::Format::Zip;
        parseZip(data, size, out);
    } else if (size >= 2 && data[0] == 0x80) {
        out.format = CheckpointContents::Format::Legacy;
        parseLegacy(data, size, out);
    } else if (size >= 262 && std::memcmp(data + 257, "ustar", 5) == 0) {
        throw CheckpointError("tar-format checkpoints (PyTorch < 0.4) are not supported");
    } else {
        throw CheckpointError("not a PyTorch checkpoint: neither a zip archive nor a legacy "
                              "pickle (wrong magic bytes)");
    }
    return out;
}

} // namespace mirstudio::toolkit
