// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <vector>

namespace mirstudio::toolkit {

/**
 * Weimar Jazz Database MCSV reader (the layout the Jazz Transformer repository ships): a root with
 * `solos.csv` (solo, performer, melody_csv, beat_csv) naming per solo a melody CSV (one row per
 * note: onset, duration, pitch, beat_duration, ...) and a beat-track CSV (onset, bar, beat,
 * chord, ...). Part "melody" holds the solo's notes in seconds (velocity 100); "beats" has one
 * annotation per beat-track row (value 1 on beat 1); "chords" one per chord change of the beat
 * track. bpm is 60 / the median beat_duration. Ids are "wjazzd/<solo>". Throws sdk::PluginError
 * for a missing solos.csv or CSV file. Any thread.
 */
std::vector<SymbolicItem> readWjazzd(const QString &root, const SplitOptions &options = {});

/** One solo from its two CSV files. */
SymbolicItem readWjazzdSolo(const QString &melodyCsv, const QString &beatCsv, const QString &id,
                            const SplitOptions &options = {});

} // namespace mirstudio::toolkit
