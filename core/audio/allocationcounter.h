// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace mirstudio {

/**
 * Counts heap allocations and frees made by one thread while it is "armed", to prove that a
 * realtime path (Engine::process) neither allocates nor frees. The counting itself is done by
 * replacement allocation functions that only test executables link in
 * (tests/audio/allocationhooks.cpp: operator new/delete and malloc/calloc/realloc/free, so C
 * libraries such as FluidSynth are covered too); in mirstudio::core this class only holds the
 * state, and nothing is counted unless such hooks are linked.
 *
 * Threading: arm()/disarm()/isArmed() act on the calling thread's flag (thread-local); the
 * counters are process-wide atomics, readable from any thread. Never allocates.
 */
class AllocationCounter
{
public:
    static void arm() noexcept;
    static void disarm() noexcept;
    static bool isArmed() noexcept;
    static void reset() noexcept;
    static std::uint64_t allocations() noexcept;
    static std::uint64_t frees() noexcept;
    /** Hooks: count one allocation / free if the calling thread is armed. */
    static void noteAllocation() noexcept;
    static void noteFree() noexcept;
};

} // namespace mirstudio
