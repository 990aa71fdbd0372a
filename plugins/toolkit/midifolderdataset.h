// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <QStringList>

#include <vector>

namespace mirstudio::toolkit {

/**
 * Reads every MIDI file (*.mid, *.midi) under `dir`, recursively, in path order. An item's id is
 * its path relative to `dir` without the extension; each track with notes is a part named after
 * the track ("track<N>" when unnamed). Files that fail to parse are skipped and named in
 * `warnings` (when given). Throws sdk::PluginError when `dir` is not a folder. Any thread.
 */
std::vector<SymbolicItem> readMidiFolder(const QString &dir, const SplitOptions &options = {},
                                         QStringList *warnings = nullptr);

/** One MIDI file as an item with id `id` (parts by track as readMidiFolder). Throws
 *  media::MediaError when the file cannot be read. */
SymbolicItem readMidiItem(const QString &path, const QString &id, const SplitOptions &options = {});

} // namespace mirstudio::toolkit
