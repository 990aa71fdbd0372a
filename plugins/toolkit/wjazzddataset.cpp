// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/wjazzddataset.h"

#include "plugins/toolkit/csvtable.h"
#include "plugins/toolkit/datasetfiles.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace mirstudio::toolkit {

namespace {

double medianOf(std::vector<double> values, double fallback)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return v <= 0.0; }),
                 values.end());
    if (values.empty())
        return fallback;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

} // namespace

SymbolicItem readWjazzdSolo(const QString &melodyCsv, const QString &beatCsv, const QString &id,
                            const SplitOptions &options)
{
    const CsvTable melodyTable = CsvTable::read(melodyCsv);
    SymbolicItem item;
    item.id = id;
    item.sourcePath = melodyCsv;
    sdk::NoteSequence melody;
    std::vector<double> beatDurations;
    for (int r = 0; r < melodyTable.rowCount(); ++r) {
        sdk::Note note;
        note.pitch = int(std::lround(melodyTable.number(r, QStringLiteral("pitch"))));
        note.start = melodyTable.number(r, QStringLiteral("onset"));
        note.duration = melodyTable.number(r, QStringLiteral("duration"));
        beatDurations.push_back(melodyTable.number(r, QStringLiteral("beat_duration")));
        if (note.duration > 0.0 && note.pitch >= 0 && note.pitch <= 127)
            melody.notes.push_back(note);
    }
    melody.bpm = 60.0 / medianOf(beatDurations, 0.5);
    sortNotes(melody);
    item.parts.insert(QStringLiteral("melody"), melody);

    item.beats.kind = QStringLiteral("beats");
    item.chords.kind = QStringLiteral("chords");
    if (QFileInfo::exists(beatCsv)) {
        const CsvTable beatTable = CsvTable::read(beatCsv);
        QString lastChord;
        for (int r = 0; r < beatTable.rowCount(); ++r) {
            sdk::Annotation beat;
            beat.time = beatTable.number(r, QStringLiteral("onset"));
            beat.duration = beatTable.number(r, QStringLiteral("duration"));
            beat.value = beatTable.value(r, QStringLiteral("beat")).trimmed() == QStringLiteral("1") ? 1.0 : 0.0;
            beat.hasValue = true;
            item.beats.items.push_back(beat);
            const QString chord = beatTable.value(r, QStringLiteral("chord")).trimmed();
            if (!chord.isEmpty() && chord != lastChord) {
                sdk::Annotation c;
                c.time = beat.time;
                c.label = chord;
                item.chords.items.push_back(c);
                lastChord = chord;
            }
        }
        const double end = item.beats.items.empty()
            ? 0.0 : item.beats.items.back().time + item.beats.items.back().duration;
        fillDurations(item.chords, end);
    }
    finishItem(item, options);
    return item;
}

std::vector<SymbolicItem> readWjazzd(const QString &root, const SplitOptions &options)
{
    requireFolder(root, QStringLiteral("WJazzD"));
    const QDir dir(root);
    const CsvTable solos = CsvTable::read(dir.filePath(QStringLiteral("solos.csv")));
    std::vector<SymbolicItem> items;
    for (int r = 0; r < solos.rowCount(); ++r) {
        const QString solo = solos.value(r, QStringLiteral("solo"));
        items.push_back(readWjazzdSolo(dir.filePath(solos.value(r, QStringLiteral("melody_csv"))),
                                       dir.filePath(solos.value(r, QStringLiteral("beat_csv"))),
                                       QStringLiteral("wjazzd/") + solo, options));
    }
    return items;
}

} // namespace mirstudio::toolkit
