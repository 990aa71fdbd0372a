// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/datasetfiles.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace mirstudio::toolkit {

void requireFolder(const QString &path, const QString &what)
{
    if (!QFileInfo(path).isDir())
        throw sdk::PluginError(QStringLiteral("%1: %2 is not a folder").arg(what, path));
}

QStringList datasetFiles(const QString &dir, const QStringList &nameFilters, bool recursive)
{
    requireFolder(dir, QStringLiteral("dataset"));
    QDirIterator it(dir, nameFilters, QDir::Files,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end());
    return files;
}

void finishItem(SymbolicItem &item, const SplitOptions &options)
{
    item.notes = {};
    bool first = true;
    for (const sdk::NoteSequence &part : std::as_const(item.parts)) {
        if (first) {
            item.notes.bpm = part.bpm;
            item.notes.ticksPerQuarter = part.ticksPerQuarter;
            item.notes.beatsPerBar = part.beatsPerBar;
            first = false;
        }
        item.notes.notes.insert(item.notes.notes.end(), part.notes.begin(), part.notes.end());
    }
    sortNotes(item.notes);
    item.split = splitFor(item.id, options);
}

void fillDurations(sdk::AnnotationSet &set, double end)
{
    for (size_t i = 0; i < set.items.size(); ++i) {
        const double next = i + 1 < set.items.size() ? set.items[i + 1].time : end;
        if (next > set.items[i].time)
            set.items[i].duration = next - set.items[i].time;
    }
}

} // namespace mirstudio::toolkit
