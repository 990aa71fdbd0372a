// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mirstudio::sdk {

/** The plugin SDK version a manifest must declare (major must match, minor may be lower). */
inline constexpr int kSdkVersionMajor = 1;
inline constexpr int kSdkVersionMinor = 0;

/** "1.0": the SDK version as a string, as manifests and `mirstudio-cli --version` print it. */
QString sdkVersionString();

} // namespace mirstudio::sdk
