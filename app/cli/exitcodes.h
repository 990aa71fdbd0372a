// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::cli {

/** The exit codes of mirstudio-cli, documented in its --help and in docs/plugin-sdk.md. */
inline constexpr int kExitOk = 0;                 ///< success
inline constexpr int kExitFailed = 1;             ///< an input could not be read or the work failed
inline constexpr int kExitUsage = 2;              ///< bad usage (arguments, method, parameters)
inline constexpr int kExitPluginUnavailable = 3;  ///< plugin not found or not usable (Error state)
inline constexpr int kExitCancelled = 130;        ///< interrupted with Ctrl+C (SIGINT)

} // namespace mirstudio::cli
