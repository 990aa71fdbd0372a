// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/nottinghamdataset.h"

#include "core/media/abcreader.h"
#include "plugins/toolkit/datasetfiles.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QDir>
#include <QFileInfo>

namespace mirstudio::toolkit {

namespace {

SymbolicItem itemFromTune(const media::AbcTune &tune, const QString &id, const QString &path)
{
    const media::TempoMap tempo = tune.tempoMap();
    SymbolicItem item;
    item.id = id;
    item.sourcePath = path;
    item.key = QStringLiteral("%1 %2").arg(tune.key.name, tune.key.mode);
    sdk::NoteSequence melody;
    melody.bpm = tune.qpm;
    melody.ticksPerQuarter = media::AbcTune::ppq;
    melody.beatsPerBar = tune.meter.numerator;
    for (const media::AbcNote &n : tune.notes) {
        sdk::Note note;
        note.pitch = n.pitch;
        note.velocity = n.velocity;
        note.start = tempo.secondsAt(double(n.startTick));
        note.duration = tempo.secondsAt(double(n.startTick + n.durationTicks)) - note.start;
        if (note.duration > 0.0)
            melody.notes.push_back(note);
    }
    sortNotes(melody);
    item.parts.insert(QStringLiteral("melody"), melody);
    const double end = tempo.secondsAt(double(tune.endTick));
    item.chords.kind = QStringLiteral("chords");
    for (const media::AbcChordSymbol &c : tune.chords) {
        sdk::Annotation a;
        a.time = tempo.secondsAt(double(c.startTick));
        a.label = c.symbol;
        a.value = c.rootPitchClass;
        a.hasValue = c.rootPitchClass >= 0;
        item.chords.items.push_back(a);
    }
    fillDurations(item.chords, end);
    item.beats.kind = QStringLiteral("beats");
    const std::int64_t beatTicks = media::AbcTune::ppq * 4 / std::max(1, tune.meter.denominator);
    for (std::int64_t t = 0, i = 0; t < tune.endTick; t += beatTicks, ++i) {
        sdk::Annotation beat;
        beat.time = tempo.secondsAt(double(t));
        beat.value = (i % std::max(1, tune.meter.numerator)) == 0 ? 1.0 : 0.0;
        beat.hasValue = true;
        item.beats.items.push_back(beat);
    }
    return item;
}

} // namespace

std::vector<SymbolicItem> readNottinghamAbc(const QString &abcPath, const SplitOptions &options,
                                            QStringList *warnings)
{
    const media::AbcReadResult result =
        media::readAbcFileLenient(abcPath, media::AbcReadOptions::nottinghamReference());
    if (warnings) {
        for (const media::MediaError &e : result.errors)
            *warnings << QString::fromUtf8(e.what());
    }
    const QString base = QFileInfo(abcPath).completeBaseName();
    std::vector<SymbolicItem> items;
    for (const media::AbcTune &tune : result.tunes) {
        SymbolicItem item = itemFromTune(
            tune, QStringLiteral("nottingham/%1/%2").arg(base).arg(tune.number), abcPath);
        finishItem(item, options);
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<SymbolicItem> readNottingham(const QString &root, const SplitOptions &options,
                                         QStringList *warnings)
{
    const QString abcDir = QFileInfo(QDir(root).filePath(QStringLiteral("abc"))).isDir()
        ? QDir(root).filePath(QStringLiteral("abc"))
        : root;
    std::vector<SymbolicItem> items;
    for (const QString &path : datasetFiles(abcDir, {QStringLiteral("*.abc")}, false)) {
        auto tunes = readNottinghamAbc(path, options, warnings);
        items.insert(items.end(), std::make_move_iterator(tunes.begin()),
                     std::make_move_iterator(tunes.end()));
    }
    return items;
}

} // namespace mirstudio::toolkit
