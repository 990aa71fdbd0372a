// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace mirstudio::dmelodies {

/**
 * The benchmark's 70 / 20 / 10 % train / validation / test split of the 1,354,752 dataset
 * indices after a seeded shuffle (our own deterministic permutation, toolkit::Trainer::epochOrder,
 * not numpy's). Stateless, thread-safe.
 */
class MelodySplit
{
public:
    enum class Part { Train, Validation, Test };
    /** The dataset indices of one part, in shuffled order. */
    static std::vector<int64_t> indices(Part part, uint64_t seed);
};

} // namespace mirstudio::dmelodies
