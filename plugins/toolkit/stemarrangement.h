// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"
#include "plugins/toolkit/symbolicitem.h"

#include <QMap>
#include <QStringList>

namespace mirstudio::toolkit {

/**
 * The notes of each stem of one song to render: stems named "vocals" (lead melody),
 * "bass", "drums" (GM percussion keys, rendered on channel 10) and "other". Plain value type.
 */
struct StemArrangement
{
    QString id;
    QStringList order;                          ///< stems in mixing order
    QMap<QString, sdk::NoteSequence> stems;

    /** The end of the last note of any stem (seconds). */
    double endSeconds() const;
};

/**
 * Builds an arrangement from a dataset item. Free functions; any thread.
 *
 * - "vocals": part "melody" (POP909 MELODY, Nottingham/WJazzD melody, JSB soprano).
 * - "other": every other pitched part (POP909 BRIDGE + PIANO, JSB alto + tenor); when the item
 *   has only a melody, a voicing of its chord annotations (pitch classes 52..67, held per chord).
 * - "bass": one note per beat on the root (36..47) of the chord sounding at that beat; where no
 *   chord is known, the lowest accompaniment note of that beat moved into 28..47 (JSB: the bass
 *   voice itself).
 * - "drums": kick on downbeats and mid-bar beats, snare on the other beats, closed hi-hat on
 *   every half beat, from the item's beats (or a grid at its bpm when it has none).
 */
StemArrangement arrangeStems(const SymbolicItem &item);

} // namespace mirstudio::toolkit
