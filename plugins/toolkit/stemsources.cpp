// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/stemsources.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/jsbdataset.h"
#include "plugins/toolkit/midifolderdataset.h"
#include "plugins/toolkit/nottinghamdataset.h"
#include "plugins/toolkit/notesfrommidi.h"
#include "plugins/toolkit/pop909dataset.h"
#include "plugins/toolkit/wjazzddataset.h"

#include <QDir>
#include <QFileInfo>

namespace mirstudio::toolkit {

namespace {

double meanPitch(const sdk::NoteSequence &seq)
{
    double sum = 0.0;
    for (const sdk::Note &n : seq.notes)
        sum += n.pitch;
    return seq.notes.empty() ? 0.0 : sum / double(seq.notes.size());
}

bool isPop909Root(const QDir &dir)
{
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFileInfo::exists(dir.filePath(sub + QLatin1Char('/') + sub + QStringLiteral(".mid"))))
            return true;
    }
    return false;
}

std::vector<StemArrangement> arrangeAll(const std::vector<SymbolicItem> &items, bool plainMidi)
{
    std::vector<StemArrangement> out;
    for (const SymbolicItem &item : items)
        out.push_back(plainMidi ? arrangeMidiItem(item) : arrangeStems(item));
    return out;
}

} // namespace

StemArrangement arrangeMidiItem(const SymbolicItem &item)
{
    StemArrangement out;
    out.id = item.id;
    sdk::NoteSequence drums, pitched[3];   // vocals, bass, other
    QStringList names;
    for (auto it = item.parts.cbegin(); it != item.parts.cend(); ++it) {
        bool anyPitched = false;
        for (const sdk::Note &n : it.value().notes) {
            if (n.channel == 9)
                drums.notes.push_back(n);
            else
                anyPitched = true;
        }
        if (anyPitched)
            names << it.key();
    }
    auto pitchedOf = [&](const QString &name) {
        sdk::NoteSequence seq;
        for (const sdk::Note &n : item.parts.value(name).notes) {
            if (n.channel != 9)
                seq.notes.push_back(n);
        }
        return seq;
    };
    std::sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        return meanPitch(pitchedOf(a)) > meanPitch(pitchedOf(b));
    });
    for (int i = 0; i < names.size(); ++i) {
        const int target = i == 0 ? 0 : (i == names.size() - 1 ? 1 : 2);
        mergeNotes(pitched[target], pitchedOf(names.at(i)));
    }
    sortNotes(drums);
    out.order = {QStringLiteral("vocals"), QStringLiteral("bass"), QStringLiteral("drums"),
                 QStringLiteral("other")};
    out.stems.insert(QStringLiteral("vocals"), pitched[0]);
    out.stems.insert(QStringLiteral("bass"), pitched[1]);
    out.stems.insert(QStringLiteral("drums"), drums);
    out.stems.insert(QStringLiteral("other"), pitched[2]);
    return out;
}

std::vector<StemArrangement> arrangementsFrom(const QString &source)
{
    const QFileInfo info(source);
    if (info.isFile() && info.suffix().compare(QStringLiteral("abc"), Qt::CaseInsensitive) == 0)
        return arrangeAll(readNottinghamAbc(source), false);
    if (info.isFile() && info.suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0)
        return arrangeAll(readJsbChorales(source), false);
    if (!info.isDir())
        throw sdk::PluginError(QStringLiteral("stem source %1 is neither a dataset folder, an .abc "
                                              "file nor a JSB .json file").arg(source));
    const QDir dir(source);
    if (QFileInfo::exists(dir.filePath(info.fileName() + QStringLiteral(".mid")))
        && dir.exists(QStringLiteral("beat_midi.txt")))
        return arrangeAll({readPop909Song(source)}, false);
    if (dir.exists(QStringLiteral("solos.csv")))
        return arrangeAll(readWjazzd(source), false);
    if (isPop909Root(dir))
        return arrangeAll(readPop909(source), false);
    if (dir.exists(QStringLiteral("abc")) || !dir.entryList({QStringLiteral("*.abc")}, QDir::Files).isEmpty())
        return arrangeAll(readNottingham(source), false);
    return arrangeAll(readMidiFolder(source), true);
}

} // namespace mirstudio::toolkit
