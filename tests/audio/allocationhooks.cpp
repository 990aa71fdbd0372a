// SPDX-License-Identifier: GPL-3.0-or-later
// Counting replacements of the global allocation functions, for test executables only: include
// this file from exactly one tst_*.cpp. C allocations (malloc & co., used by FluidSynth) are
// interposed too and forwarded to glibc's __libc_* entry points.
#include "core/audio/allocationcounter.h"

#include <cstddef>
#include <cstdlib>
#include <algorithm>
#include <new>

extern "C" {
void *__libc_malloc(std::size_t);
void *__libc_calloc(std::size_t, std::size_t);
void *__libc_realloc(void *, std::size_t);
void __libc_free(void *);
void *__libc_memalign(std::size_t, std::size_t);

void *malloc(std::size_t n)
{
    mirstudio::AllocationCounter::noteAllocation();
    return __libc_malloc(n);
}

void *calloc(std::size_t n, std::size_t m)
{
    mirstudio::AllocationCounter::noteAllocation();
    return __libc_calloc(n, m);
}

void *realloc(void *p, std::size_t n)
{
    mirstudio::AllocationCounter::noteAllocation();
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (p)
        mirstudio::AllocationCounter::noteFree();
    __libc_free(p);
}

void *aligned_alloc(std::size_t a, std::size_t n)
{
    mirstudio::AllocationCounter::noteAllocation();
    return __libc_memalign(a, n);
}

void *memalign(std::size_t a, std::size_t n)
{
    mirstudio::AllocationCounter::noteAllocation();
    return __libc_memalign(a, n);
}

int posix_memalign(void **out, std::size_t a, std::size_t n)
{
    mirstudio::AllocationCounter::noteAllocation();
    void *p = __libc_memalign(a, n);
    if (!p)
        return 12; // ENOMEM
    *out = p;
    return 0;
}
}

// operator new/delete go through the malloc/free above (counted once there).
void *operator new(std::size_t n)
{
    if (void *p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}

void *operator new[](std::size_t n)
{
    return operator new(n);
}

void *operator new(std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void *operator new[](std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void *operator new(std::size_t n, std::align_val_t a)
{
    void *p = nullptr;
    if (posix_memalign(&p, std::max<std::size_t>(sizeof(void *), std::size_t(a)), n ? n : 1) != 0)
        throw std::bad_alloc();
    return p;
}

void *operator new[](std::size_t n, std::align_val_t a)
{
    return operator new(n, a);
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete[](void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::align_val_t) noexcept
{
    std::free(p);
}

void operator delete[](void *p, std::align_val_t) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t, std::align_val_t) noexcept
{
    std::free(p);
}

void operator delete[](void *p, std::size_t, std::align_val_t) noexcept
{
    std::free(p);
}
