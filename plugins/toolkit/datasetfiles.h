// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <QString>
#include <QStringList>

namespace mirstudio::toolkit {

/**
 * Small helpers shared by the dataset readers. Free functions; any thread.
 */

/** The files under `dir` matching `nameFilters` (e.g. "*.mid"), sorted by relative path;
 *  recursive into sub-folders when asked. Throws sdk::PluginError when `dir` is not a folder. */
QStringList datasetFiles(const QString &dir, const QStringList &nameFilters, bool recursive);

/** Throws sdk::PluginError naming `what` when `path` is not an existing folder. */
void requireFolder(const QString &path, const QString &what);

/** Merges item.parts into item.notes (sorted, grid fields from the first part) and sets
 *  item.split from its id. */
void finishItem(SymbolicItem &item, const SplitOptions &options);

/** Gives each annotation of `set` a duration reaching the next one's time (the last keeps
 *  its own, or reaches `end` when that is later). */
void fillDurations(sdk::AnnotationSet &set, double end);

} // namespace mirstudio::toolkit
