// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace mirstudio {

/** The transport loop: [start, end) in frames at the session rate, and whether it is on. */
struct LoopRange
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool enabled = false;

    bool operator==(const LoopRange &) const = default;
};

} // namespace mirstudio
