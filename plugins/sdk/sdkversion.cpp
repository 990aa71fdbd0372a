// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/sdk/sdkversion.h"

namespace mirstudio::sdk {

QString sdkVersionString()
{
    return QStringLiteral("%1.%2").arg(kSdkVersionMajor).arg(kSdkVersionMinor);
}

} // namespace mirstudio::sdk
