// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace mirstudio {

/** Logging category of the plugin host ("mirstudio.host"). */
Q_DECLARE_LOGGING_CATEGORY(lcHost)

} // namespace mirstudio
