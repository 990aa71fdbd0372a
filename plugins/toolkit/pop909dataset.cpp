// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/pop909dataset.h"

#include "core/media/midifilereader.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/datasetfiles.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

namespace mirstudio::toolkit {

namespace {

/** Whitespace-separated columns of every non-empty line; an absent file gives no rows. */
std::vector<QStringList> readColumns(const QString &path)
{
    std::vector<QStringList> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    QTextStream in(&file);
    static const QRegularExpression space(QStringLiteral("\\s+"));
    while (!in.atEnd()) {
        const QStringList cols = in.readLine().trimmed().split(space, Qt::SkipEmptyParts);
        if (!cols.isEmpty())
            rows.push_back(cols);
    }
    return rows;
}

} // namespace

SymbolicItem readPop909Song(const QString &songDir, const SplitOptions &options)
{
    requireFolder(songDir, QStringLiteral("POP909 song"));
    const QString name = QFileInfo(songDir).fileName();
    const QString midiPath = QDir(songDir).filePath(name + QStringLiteral(".mid"));
    if (!QFileInfo::exists(midiPath))
        throw sdk::PluginError(QStringLiteral("POP909 song %1 has no %2.mid").arg(songDir, name));
    const media::MidiFile file = media::readMidiFile(midiPath);
    SymbolicItem item;
    item.id = QStringLiteral("pop909/") + name;
    item.sourcePath = midiPath;
    for (const char *track : {"MELODY", "BRIDGE", "PIANO"}) {
        const int index = midiTrackIndex(file, QString::fromLatin1(track));
        if (index >= 0)
            item.parts.insert(QString::fromLatin1(track).toLower(), notesFromMidiTrack(file, index));
    }
    const QDir dir(songDir);
    item.beats.kind = QStringLiteral("beats");
    for (const QStringList &cols : readColumns(dir.filePath(QStringLiteral("beat_midi.txt")))) {
        sdk::Annotation beat;
        beat.time = cols.value(0).toDouble();
        beat.value = cols.value(1).toDouble();
        beat.hasValue = true;
        beat.label = cols.value(2);
        item.beats.items.push_back(beat);
    }
    item.chords.kind = QStringLiteral("chords");
    for (const QStringList &cols : readColumns(dir.filePath(QStringLiteral("chord_midi.txt")))) {
        sdk::Annotation chord;
        chord.time = cols.value(0).toDouble();
        chord.duration = cols.value(1).toDouble() - chord.time;
        chord.label = cols.value(2);
        item.chords.items.push_back(chord);
    }
    const auto keys = readColumns(dir.filePath(QStringLiteral("key_audio.txt")));
    if (!keys.empty())
        item.key = keys.front().value(2);
    finishItem(item, options);
    return item;
}

std::vector<SymbolicItem> readPop909(const QString &root, const SplitOptions &options)
{
    requireFolder(root, QStringLiteral("POP909"));
    std::vector<SymbolicItem> items;
    const QStringList songs = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &song : songs) {
        if (QFileInfo::exists(QDir(root).filePath(song + QLatin1Char('/') + song + QStringLiteral(".mid"))))
            items.push_back(readPop909Song(QDir(root).filePath(song), options));
    }
    return items;
}

} // namespace mirstudio::toolkit
