// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace mirstudio {

/**
 * What the audio thread reports to the GUI: playhead, playing state, loop state, peak meters and
 * the xrun/overload count, as plain lock-free atomics. The Engine owns one; the audio thread
 * writes it at the end of every block, the GUI thread reads it from a 30-60 Hz timer.
 * Peaks are "maximum since the last take": the audio thread raises them, the GUI takes them
 * (reads and clears) with takePeak().
 *
 * Threading: writers are the audio thread only (plus recordXrun() from the device layer's
 * callback); readers any thread. Never allocates.
 */
struct Transport
{
    /** Meters exist for the first kMaxMeteredTracks tracks of the plan; later tracks have none. */
    static constexpr int kMaxMeteredTracks = 64;

    std::atomic<std::int64_t> playhead{0};
    std::atomic<bool> playing{false};
    std::atomic<bool> looping{false};
    std::atomic<std::uint64_t> xruns{0};
    std::atomic<std::uint64_t> blocks{0};
    std::array<std::atomic<float>, 2> masterPeak{};
    std::array<std::atomic<float>, kMaxMeteredTracks> trackPeak{};

    /** Audio thread: raises `meter` to `value` if larger. */
    static void raisePeak(std::atomic<float> &meter, float value) noexcept
    {
        float old = meter.load(std::memory_order_relaxed);
        while (value > old && !meter.compare_exchange_weak(old, value, std::memory_order_relaxed)) {
        }
    }

    /** GUI thread: the peak since the previous take, and resets it to 0. */
    static float takePeak(std::atomic<float> &meter) noexcept
    {
        return meter.exchange(0.0f, std::memory_order_relaxed);
    }
};

} // namespace mirstudio
