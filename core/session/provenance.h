// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mirstudio {

/**
 * Where a derived item (source, track, clip) came from, so that it can be regenerated: the
 * plugin, its version, the method run, its parameters, the input sources and when it ran.
 * Value type; any thread.
 */
struct Provenance
{
    QString plugin;
    QString version;
    QString method;
    QJsonObject params;
    QList<SourceId> inputs;
    QDateTime createdAt; // UTC, millisecond precision when saved

    bool operator==(const Provenance &) const = default;
};

} // namespace mirstudio
