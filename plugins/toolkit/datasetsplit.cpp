// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/datasetsplit.h"

namespace mirstudio::toolkit {

DatasetSplit splitFor(const QString &id, const SplitOptions &options)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    auto mix = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 0x100000001b3ull;
    };
    for (int i = 0; i < 8; ++i)
        mix(static_cast<unsigned char>((options.seed >> (8 * i)) & 0xff));
    for (char c : id.toUtf8())
        mix(static_cast<unsigned char>(c));
    // FNV's high bits mix short, similar ids poorly: finish with MurmurHash3's fmix64.
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdull;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ull;
    hash ^= hash >> 33;
    const double unit = double(hash >> 11) * (1.0 / 9007199254740992.0);   // 2^-53
    return unit < options.validFraction ? DatasetSplit::Valid : DatasetSplit::Train;
}

QString splitName(DatasetSplit split)
{
    return split == DatasetSplit::Valid ? QStringLiteral("valid") : QStringLiteral("train");
}

} // namespace mirstudio::toolkit
