// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/stemarrangement.h"

#include <vector>

namespace mirstudio::toolkit {

/**
 * The stem arrangements of every song in `source`, which may be a POP909 root or song folder,
 * a Nottingham root or .abc file, a WJazzD MCSV root (solos.csv), a JSB chorale JSON or a
 * folder of MIDI files (see
 * renderStemDataset()). Throws sdk::PluginError for a source it cannot read. Any thread.
 */
std::vector<StemArrangement> arrangementsFrom(const QString &source);

/**
 * A plain MIDI item as stems: channel-10 notes -> "drums"; of the other parts, the one with the
 * highest mean pitch -> "vocals", the lowest -> "bass" (when there are at least two), the rest
 * -> "other". Any thread.
 */
StemArrangement arrangeMidiItem(const SymbolicItem &item);

} // namespace mirstudio::toolkit
