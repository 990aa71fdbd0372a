// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/midifolderdataset.h"

#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "plugins/toolkit/datasetfiles.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QDir>
#include <QFileInfo>

namespace mirstudio::toolkit {

SymbolicItem readMidiItem(const QString &path, const QString &id, const SplitOptions &options)
{
    const media::MidiFile file = media::readMidiFile(path);
    SymbolicItem item;
    item.id = id;
    item.sourcePath = path;
    for (int i = 0; i < int(file.tracks.size()); ++i) {
        if (file.tracks[size_t(i)].notes.empty())
            continue;
        QString name = file.tracks[size_t(i)].name.trimmed().toLower();
        if (name.isEmpty() || item.parts.contains(name))
            name = QStringLiteral("track%1").arg(i);
        item.parts.insert(name, notesFromMidiTrack(file, i));
    }
    finishItem(item, options);
    return item;
}

std::vector<SymbolicItem> readMidiFolder(const QString &dir, const SplitOptions &options,
                                         QStringList *warnings)
{
    const QDir root(dir);
    std::vector<SymbolicItem> items;
    for (const QString &path : datasetFiles(dir, {QStringLiteral("*.mid"), QStringLiteral("*.midi"),
                                                  QStringLiteral("*.MID")}, true)) {
        const QString rel = root.relativeFilePath(path);
        const QString id = rel.left(rel.size() - QFileInfo(rel).suffix().size() - 1);
        try {
            items.push_back(readMidiItem(path, id, options));
        } catch (const media::MediaError &e) {
            if (warnings)
                *warnings << QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
        }
    }
    return items;
}

} // namespace mirstudio::toolkit
