// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/jsbdataset.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/datasetfiles.h"
#include "plugins/toolkit/notesfrommidi.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mirstudio::toolkit {

namespace {

const char *const kVoices[] = {"soprano", "alto", "tenor", "bass"};

} // namespace

SymbolicItem jsbChoraleFromSteps(const std::vector<std::vector<int>> &steps, double bpm)
{
    const double step = 60.0 / bpm / 4.0;
    SymbolicItem item;
    for (int v = 0; v < 4; ++v) {
        sdk::NoteSequence part;
        part.bpm = bpm;
        size_t t = 0;
        while (t < steps.size()) {
            const int pitch = v < int(steps[t].size()) ? steps[t][size_t(v)] : -1;
            size_t end = t + 1;
            while (end < steps.size() && v < int(steps[end].size()) && steps[end][size_t(v)] == pitch)
                ++end;
            if (pitch >= 0 && pitch <= 127) {
                sdk::Note note;
                note.pitch = pitch;
                note.channel = v;
                note.start = double(t) * step;
                note.duration = double(end - t) * step;
                part.notes.push_back(note);
            }
            t = end;
        }
        item.parts.insert(QString::fromLatin1(kVoices[v]), part);
    }
    return item;
}

std::vector<SymbolicItem> readJsbChorales(const QString &jsonPath, double bpm)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly))
        throw sdk::PluginError(QStringLiteral("cannot open %1: %2").arg(jsonPath, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        throw sdk::PluginError(QStringLiteral("%1 is not a JSB chorale JSON object (%2)")
                                   .arg(jsonPath, error.errorString()));
    std::vector<SymbolicItem> items;
    const QJsonObject root = doc.object();
    for (const QString split : {QStringLiteral("train"), QStringLiteral("valid"), QStringLiteral("test")}) {
        const QJsonArray chorales = root.value(split).toArray();
        for (int i = 0; i < chorales.size(); ++i) {
            std::vector<std::vector<int>> steps;
            for (const QJsonValue &stepValue : chorales.at(i).toArray()) {
                std::vector<int> voices;
                for (const QJsonValue &p : stepValue.toArray())
                    voices.push_back(int(p.toDouble(-1)));
                steps.push_back(std::move(voices));
            }
            SymbolicItem item = jsbChoraleFromSteps(steps, bpm);
            item.id = QStringLiteral("jsb/%1/%2").arg(split).arg(i);
            item.sourcePath = jsonPath;
            finishItem(item, {});
            item.split = split == QStringLiteral("train") ? DatasetSplit::Train : DatasetSplit::Valid;
            items.push_back(std::move(item));
        }
    }
    return items;
}

} // namespace mirstudio::toolkit
