// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace mirstudio::toolkit {

/** Which part of a dataset an item belongs to. */
enum class DatasetSplit { Train, Valid };

/** How the dataset readers split items: a seeded hash of each item's id. Value type. */
struct SplitOptions
{
    double validFraction = 0.1;  ///< share of items (by hash) put in Valid
    std::uint64_t seed = 0;      ///< another seed gives another, equally stable split
};

/**
 * The split of the item named `id`: FNV-1a 64 over the seed's 8 little-endian bytes and the
 * id's UTF-8 bytes, finished with MurmurHash3's fmix64; its top 53 bits map to [0, 1) and the
 * item is Valid when that is below validFraction. The same id and options
 * give the same split on every machine and run, whatever else is in the dataset. Any thread.
 */
DatasetSplit splitFor(const QString &id, const SplitOptions &options = {});

/** "train" / "valid". */
QString splitName(DatasetSplit split);

/** The items of `items` (anything with a `split` member) in `split`, order kept. */
template<typename Item>
std::vector<Item> itemsIn(const std::vector<Item> &items, DatasetSplit split)
{
    std::vector<Item> out;
    for (const Item &item : items) {
        if (item.split == split)
            out.push_back(item);
    }
    return out;
}

} // namespace mirstudio::toolkit
