// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/stemfolderdataset.h"

#include "plugins/toolkit/datasetfiles.h"

#include <QDir>
#include <QFileInfo>

namespace mirstudio::toolkit {

std::vector<StemFolderItem> readStemFolders(const QString &root, const SplitOptions &options)
{
    requireFolder(root, QStringLiteral("stems dataset"));
    std::vector<StemFolderItem> items;
    const QDir dir(root);
    for (const QString &song : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir songDir(dir.filePath(song));
        if (!songDir.exists(QStringLiteral("mixture.wav")))
            continue;
        StemFolderItem item;
        item.id = song;
        item.folder = songDir.absolutePath();
        item.mixturePath = songDir.absoluteFilePath(QStringLiteral("mixture.wav"));
        for (const QString &file : songDir.entryList({QStringLiteral("*.wav")}, QDir::Files, QDir::Name)) {
            const QString name = QFileInfo(file).completeBaseName();
            if (name == QStringLiteral("mixture"))
                continue;
            item.stemNames << name;
            item.stemPaths << songDir.absoluteFilePath(file);
        }
        if (item.stemNames.isEmpty())
            continue;
        item.split = splitFor(item.id, options);
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace mirstudio::toolkit
