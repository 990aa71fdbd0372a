// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"
#include "plugins/toolkit/datasetsplit.h"

#include <QMap>
#include <QString>

namespace mirstudio::toolkit {

/**
 * One piece of a symbolic dataset as the readers return it: all notes, the same notes by named
 * part ("melody", "bridge", "piano", "soprano"...), chord and beat annotations where the dataset
 * has them (kinds "chords" and "beats"; a beat's value is 1 on a downbeat, else 0), the key when
 * known, and its deterministic split. Plain value type; any thread.
 */
struct SymbolicItem
{
    QString id;                                ///< stable, e.g. "pop909/001", "jsb/train/12"
    QString sourcePath;                        ///< the file it came from
    sdk::NoteSequence notes;                   ///< every part merged, sorted
    QMap<QString, sdk::NoteSequence> parts;    ///< the parts, by name
    sdk::AnnotationSet chords;                 ///< label = chord name; may be empty
    sdk::AnnotationSet beats;                  ///< may be empty
    QString key;                               ///< e.g. "Gb:maj", "G major"; may be empty
    DatasetSplit split = DatasetSplit::Train;
};

} // namespace mirstudio::toolkit
