// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace mirstudio {

/**
 * A fixed-capacity lock-free ring for exactly one producer thread and one consumer thread
 * (GUI -> audio commands, MIDI input -> engine). The storage is allocated once in the
 * constructor; push() and pop() never allocate, lock or block: push() on a full queue returns
 * false and leaves the queue unchanged. `T` must be copy-assignable (plain data is intended).
 *
 * Threading: push() from the single producer, pop() from the single consumer, capacity() from
 * any thread, sizeApprox() from any thread (a snapshot). Constructed and destroyed while neither
 * side uses it.
 */
template<typename T>
class SpscQueue
{
public:
    /** A queue that holds up to `capacity` (>= 1) items. Allocates; not realtime. */
    explicit SpscQueue(std::size_t capacity)
        : m_slots(capacity < 1 ? 2 : capacity + 1)
    {
    }

    SpscQueue(const SpscQueue &) = delete;
    SpscQueue &operator=(const SpscQueue &) = delete;

    std::size_t capacity() const { return m_slots.size() - 1; }

    /** Producer: appends `item`; false (nothing changed) when the queue is full. */
    bool push(const T &item) noexcept
    {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        const std::size_t next = advance(tail);
        if (next == m_head.load(std::memory_order_acquire))
            return false;
        m_slots[tail] = item;
        m_tail.store(next, std::memory_order_release);
        return true;
    }

    /** Consumer: moves the oldest item into `item`; false when the queue is empty. */
    bool pop(T &item) noexcept
    {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        if (head == m_tail.load(std::memory_order_acquire))
            return false;
        item = m_slots[head];
        m_head.store(advance(head), std::memory_order_release);
        return true;
    }

    /** Items queued at some instant (exact only when neither side is running). */
    std::size_t sizeApprox() const noexcept
    {
        const std::size_t head = m_head.load(std::memory_order_acquire);
        const std::size_t tail = m_tail.load(std::memory_order_acquire);
        return tail >= head ? tail - head : tail + m_slots.size() - head;
    }

private:
    std::size_t advance(std::size_t i) const noexcept { return i + 1 == m_slots.size() ? 0 : i + 1; }

    std::vector<T> m_slots; // one slot stays empty to tell full from empty
    alignas(64) std::atomic<std::size_t> m_head{0};
    alignas(64) std::atomic<std::size_t> m_tail{0};
};

} // namespace mirstudio
