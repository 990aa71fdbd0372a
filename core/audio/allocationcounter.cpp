// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/allocationcounter.h"

#include <atomic>

namespace mirstudio {

namespace {

// initial-exec TLS: reading it from inside malloc must not itself allocate (the library is static).
thread_local bool t_armed __attribute__((tls_model("initial-exec"))) = false;
std::atomic<std::uint64_t> g_allocations{0};
std::atomic<std::uint64_t> g_frees{0};

} // namespace

void AllocationCounter::arm() noexcept
{
    t_armed = true;
}

void AllocationCounter::disarm() noexcept
{
    t_armed = false;
}

bool AllocationCounter::isArmed() noexcept
{
    return t_armed;
}

void AllocationCounter::reset() noexcept
{
    g_allocations.store(0);
    g_frees.store(0);
}

std::uint64_t AllocationCounter::allocations() noexcept
{
    return g_allocations.load();
}

std::uint64_t AllocationCounter::frees() noexcept
{
    return g_frees.load();
}

void AllocationCounter::noteAllocation() noexcept
{
    if (t_armed)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}

void AllocationCounter::noteFree() noexcept
{
    if (t_armed)
        g_frees.fetch_add(1, std::memory_order_relaxed);
}

} // namespace mirstudio
