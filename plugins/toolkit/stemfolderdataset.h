// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/datasetsplit.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace mirstudio::toolkit {

/** One song of a stems dataset: its mixture and its stem files. Plain value type. */
struct StemFolderItem
{
    QString id;              ///< the song folder's name
    QString folder;
    QString mixturePath;     ///< <folder>/mixture.wav
    QStringList stemNames;   ///< file base names other than "mixture", sorted ("bass", "source1")
    QStringList stemPaths;   ///< same order
    DatasetSplit split = DatasetSplit::Train;
};

/**
 * Stems-folder reader: every sub-folder of `root` holding mixture.wav plus at least one other
 * .wav (the layout of bach10_ass_stems — mixture + source1..4 — and of renderStemDataset()'s
 * output) is an item, in name order. Files are listed, not decoded (read them with
 * media::readAudio). Throws sdk::PluginError when `root` is not a folder. Any thread.
 */
std::vector<StemFolderItem> readStemFolders(const QString &root, const SplitOptions &options = {});

} // namespace mirstudio::toolkit
