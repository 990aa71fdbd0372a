// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/hostlog.h"

namespace mirstudio {

Q_LOGGING_CATEGORY(lcHost, "mirstudio.host", QtWarningMsg)

} // namespace mirstudio
