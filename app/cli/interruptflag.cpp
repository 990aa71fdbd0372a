// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/interruptflag.h"

#include <csignal>

namespace mirstudio::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onSigint(int)
{
    g_interrupted = 1;
}
} // namespace

void InterruptFlag::install()
{
    std::signal(SIGINT, onSigint);
}

bool InterruptFlag::raised()
{
    return g_interrupted != 0;
}

} // namespace mirstudio::cli
