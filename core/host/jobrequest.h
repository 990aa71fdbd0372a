// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QString>
#include <QVariantMap>

namespace mirstudio {

/** What to run: a plugin's method on named inputs with (unresolved) parameters. Plain value. */
struct JobRequest
{
    QString plugin;        ///< manifest id
    QString method;        ///< method id
    sdk::ValueMap inputs;  ///< keyed by the method's input ids
    QVariantMap params;    ///< user values; defaults are filled in by the runner
};

} // namespace mirstudio
