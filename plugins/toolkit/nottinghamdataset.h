// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <QStringList>

#include <vector>

namespace mirstudio::toolkit {

/**
 * Nottingham Music Database reader (jukedeck/nottingham-dataset layout): every tune of every
 * `abc/<tune set>.abc` file under `root`, parsed by media's ABC reader with the Nottingham reference
 * conventions (AbcReadOptions::nottinghamReference()). Part "melody" holds the tune's notes
 * (channel 0); "chords" annotations hold its chord symbols (value = root pitch class when
 * known); "beats" one annotation per beat of the tune's meter. Ids are
 * "nottingham/<file>/<X number>". Tunes the reader rejects are skipped and described in
 * `warnings`. The MIDI renderings (midi/full) read with readMidiFolder(). Any thread.
 */
std::vector<SymbolicItem> readNottingham(const QString &root, const SplitOptions &options = {},
                                         QStringList *warnings = nullptr);

/** The tunes of one ABC file (ids "nottingham/<file base name>/<X>"). */
std::vector<SymbolicItem> readNottinghamAbc(const QString &abcPath, const SplitOptions &options = {},
                                            QStringList *warnings = nullptr);

} // namespace mirstudio::toolkit
