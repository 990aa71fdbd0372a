// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::cli {

/**
 * Turns SIGINT (Ctrl+C) into a flag the CLI polls while a job runs, so it can cancel the job
 * and remove temporary files instead of dying mid-write. install() once from main(); raised()
 * from any thread.
 */
class InterruptFlag
{
public:
    static void install();
    static bool raised();
};

} // namespace mirstudio::cli
