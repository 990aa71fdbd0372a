// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mirstudio::toolkit {

/**
 * Read-only view of a zip archive held in memory, as PyTorch's zip checkpoints use it: entries
 * stored without compression (method 0), optionally zip64. Parsing checks every offset and size
 * against the buffer and every entry's CRC-32; nothing is copied. The buffer must outlive the
 * object. Torch-free. Thread: any after construction (const access only).
 */
class ZipArchive
{
public:
    /** One stored entry: its name and the bytes of its data inside the buffer. */
    struct Entry
    {
        std::string name;
        const uint8_t *data = nullptr;
        size_t size = 0;
    };

    /** Parses the central directory. Throws CheckpointError on anything malformed. */
    ZipArchive(const uint8_t *data, size_t size);

    const std::vector<Entry> &entries() const { return m_entries; }
    /** The entry named `name`, or nullptr. */
    const Entry *find(const std::string &name) const;

    /** True when the buffer starts like a zip file (local header signature "PK\3\4"). */
    static bool looksLikeZip(const uint8_t *data, size_t size);

private:
    std::vector<Entry> m_entries;
};

/** CRC-32 (IEEE 802.3, as zip uses it) of n bytes. */
uint32_t crc32(const uint8_t *data, size_t n);

} // namespace mirstudio::toolkit
