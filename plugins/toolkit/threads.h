// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::toolkit {

/** How many threads torch may use in this process. */
struct TorchThreadSettings
{
    int intraOpThreads = 1; ///< at::set_num_threads; 1 keeps jobs off the audio thread's core
    int interOpThreads = 1; ///< at::set_num_interop_threads
};

/**
 * Applies the process-wide torch thread settings once; later calls do nothing and return what
 * the first call applied. Plugins call it from initialise(). It sets OMP_WAIT_POLICY=passive
 * unless the environment already sets it (idle OpenMP workers then sleep instead of spinning:
 * spinning made 2 threads on 2 cores 30x slower, stack.md §8.6). The environment variable
 * MIRSTUDIO_TORCH_THREADS, when set to a positive number, overrides intraOpThreads.
 * The inter-op count can only be set before torch starts inter-op work; a refusal is ignored.
 * Note: an OpenMP runtime already loaded reads OMP_WAIT_POLICY at its own start-up, so for the
 * strongest effect the launcher sets it too. Thread: any (call_once inside).
 */
TorchThreadSettings applyTorchThreadSettings(const TorchThreadSettings &wanted = {});

/** Whether applyTorchThreadSettings has run in this process. Thread: any. */
bool torchThreadSettingsApplied();

} // namespace mirstudio::toolkit
