// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/ziparchive.h"

#include "plugins/toolkit/checkpointerror.h"

#include <array>

namespace mirstudio::toolkit {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDir = 0x06054b50;
constexpr uint32_t kZip64EndLocator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;

[[noreturn]] void fail(const std::string &what, uint64_t offset)
{
    throw CheckpointError("bad zip archive at byte " + std::to_string(offset) + ": " + what);
}

/** Bounds-checked little-endian reads from the whole buffer. */
struct Reader
{
    const uint8_t *data;
    size_t size;

    void need(uint64_t offset, uint64_t n) const
    {
        if (offset > size || n > size - offset)
            fail("structure of " + std::to_string(n) + " bytes runs past the end of the file ("
                 + std::to_string(size) + " bytes)", offset);
    }
    uint64_t le(uint64_t offset, int n) const
    {
        need(offset, uint64_t(n));
        uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= uint64_t(data[offset + uint64_t(i)]) << (8 * i);
        return v;
    }
};

// zip64 extra field (id 1) holds, in order, whichever of these were 0xFFFFFFFF in the header.
void readZip64Extra(const Reader &r, uint64_t extra, uint64_t extraLen, uint64_t &uncompressed,
                    uint64_t &compressed, uint64_t &localOffset)
{
    uint64_t p = extra;
    while (p + 4 <= extra + extraLen) {
        const uint64_t id = r.le(p, 2);
        const uint64_t len = r.le(p + 2, 2);
        if (p + 4 + len > extra + extraLen)
            fail("extra field overruns its header", p);
        if (id == 1) {
            uint64_t q = p + 4;
            for (uint64_t *field : {&uncompressed, &compressed, &localOffset}) {
                if (*field != 0xFFFFFFFFu)
                    continue;
                if (q + 8 > p + 4 + len)
                    fail("zip64 extra field too short", p);
                *field = r.le(q, 8);
                q += 8;
            }
        }
        p += 4 + len;
    }
}

} // namespace

uint32_t crc32(const uint8_t *data, size_t n)
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i)
        c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

bool ZipArchive::looksLikeZip(const uint8_t *data, size_t size)
{
    return size >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4;
}

ZipArchive::ZipArchive(const uint8_t *data, size_t size)
{
    const Reader r{data, size};
    if (size < 22)
        fail("file too short for an end-of-central-directory record", 0);
    // The end record sits in the last 22 + 65535 (comment) bytes; search backwards.
    uint64_t eocd = size - 22;
    const uint64_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    while (r.le(eocd, 4) != kEndOfCentralDir) {
        if (eocd == lowest)
            fail("no end-of-central-directory record (not a zip file, or truncated)", size);
        --eocd;
    }
    uint64_t count = r.le(eocd + 10, 2);
    uint64_t dirSize = r.le(eocd + 12, 4);
    uint64_t dirOffset = r.le(eocd + 16, 4);
    if (eocd >= 20 && r.le(eocd - 20, 4) == kZip64EndLocator) {
        const uint64_t end64 = r.le(eocd - 20 + 8, 8);
        if (r.le(end64, 4) != kZip64End)
            fail("zip64 end record missing", end64);
        count = r.le(end64 + 32, 8);
        dirSize = r.le(end64 + 40, 8);
        dirOffset = r.le(end64 + 48, 8);
    }
    r.need(dirOffset, dirSize);
    // Each central header is at least 46 bytes: a count the directory cannot hold is corrupt.
    if (count > dirSize / 46)
        fail("central directory claims " + std::to_string(count) + " entries in "
             + std::to_string(dirSize) + " bytes", dirOffset);
    m_entries.reserve(size_t(count));
    uint64_t p = dirOffset;
    for (uint64_t i = 0; i < count; ++i) {
        if (r.le(p, 4) != kCentralHeader)
            fail("central directory entry " + std::to_string(i) + " has a bad signature", p);
        const uint64_t method = r.le(p + 10, 2);
        const uint32_t crc = uint32_t(r.le(p + 16, 4));
        uint64_t compressed = r.le(p + 20, 4);
        uint64_t uncompressed = r.le(p + 24, 4);
        const uint64_t nameLen = r.le(p + 28, 2);
        const uint64_t extraLen = r.le(p + 30, 2);
        const uint64_t commentLen = r.le(p + 32, 2);
        uint64_t local = r.le(p + 42, 4);
        r.need(p + 46, nameLen + extraLen + commentLen);
        Entry e;
        e.name.assign(reinterpret_cast<const char *>(data + p + 46), size_t(nameLen));
        readZip64Extra(r, p + 46 + nameLen, extraLen, uncompressed, compressed, local);
        if (method != 0)
            fail("entry '" + e.name + "' is compressed (method " + std::to_string(method)
                 + "); PyTorch checkpoints store entries uncompressed", p);
        if (compressed != uncompressed)
            fail("stored entry '" + e.name + "' has different packed and unpacked sizes", p);
        if (r.le(local, 4) != kLocalHeader)
            fail("entry '" + e.name + "' has no local header", local);
        const uint64_t start = local + 30 + r.le(local + 26, 2) + r.le(local + 28, 2);
        r.need(start, uncompressed);
        e.data = data + start;
        e.size = size_t(uncompressed);
        if (crc32(e.data, e.size) != crc)
            fail("entry '" + e.name + "' fails its CRC-32 check (damaged file)", start);
        m_entries.push_back(std::move(e));
        p += 46 + nameLen + extraLen + commentLen;
    }
}

const ZipArchive::Entry *ZipArchive::find(const std::string &name) const
{
    for (const Entry &e : m_entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

} // namespace mirstudio::toolkit
