// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/threads.h"

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace mirstudio::toolkit {

namespace {

std::once_flag g_once;
std::atomic<bool> g_applied{false};
TorchThreadSettings g_settings;

} // namespace

TorchThreadSettings applyTorchThreadSettings(const TorchThreadSettings &wanted)
{
    std::call_once(g_once, [&wanted] {
        ::setenv("OMP_WAIT_POLICY", "passive", /*overwrite=*/0);
        TorchThreadSettings s = wanted;
        if (const char *env = std::getenv("MIRSTUDIO_TORCH_THREADS")) {
            const int n = std::atoi(env);
            if (n > 0)
                s.intraOpThreads = n;
        }
        s.intraOpThreads = s.intraOpThreads > 0 ? s.intraOpThreads : 1;
        at::set_num_threads(s.intraOpThreads);
        if (s.interOpThreads > 0) {
            try {
                at::set_num_interop_threads(s.interOpThreads);
            } catch (const c10::Error &) {
                // inter-op pool already running: keep its size and report it
            }
        }
        s.interOpThreads = at::get_num_interop_threads();
        s.intraOpThreads = at::get_num_threads();
        g_settings = s;
        g_applied = true;
    });
    return g_settings;
}

bool torchThreadSettingsApplied()
{
    return g_applied;
}

} // namespace mirstudio::toolkit
