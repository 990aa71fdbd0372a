// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QString>

namespace mirstudio {

/**
 * One child lane of a stem-group track: a separated stem ("vocals", "drums", ...) played from
 * a pool source with its own gain, mute and solo, and optionally the reference (true) stem it is
 * scored against. Owned by value by its Track; any thread may
 * read a copy.
 */
struct StemLane
{
    SourceId source;
    QString name;
    double gainDb = 0.0;
    bool mute = false;
    bool solo = false;
    /** Optional ground truth of this stem (e.g. a stems folder the song was rendered from): per-stem SDR. */
    SourceId reference;

    bool operator==(const StemLane &) const = default;
};

} // namespace mirstudio
