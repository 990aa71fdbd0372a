// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/targetmodels.h"

#include "plugins/openunmix/umxweights.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

int rank(const std::string &name)
{
    static const std::vector<std::string> musdb{"vocals", "drums", "bass", "other"};
    const auto it = std::find(musdb.begin(), musdb.end(), name);
    return it == musdb.end() ? int(musdb.size()) : int(it - musdb.begin());
}

} // namespace

std::vector<TargetModel> loadTargetModels(const std::string &folder)
{
    const QDir dir(QString::fromStdString(folder));
    std::vector<TargetModel> models;
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("*.pt"), QStringLiteral("*.pth")},
                                                QDir::Files, QDir::Name)) {
        const std::string path = f.filePath().toStdString();
        try {
            const StateDict dict = readStateDictFile(path);
            OpenUnmix model(UmxConfig::fromStateDict(dict));
            loadStateDict(*model, dict);
            model->eval();
            models.push_back({f.completeBaseName().section(QLatin1Char('-'), 0, 0).toStdString(), model});
        } catch (const std::exception &e) {
            throw std::runtime_error("Open-Unmix weights " + path + ": " + e.what());
        }
    }
    if (models.empty())
        throw std::runtime_error("no Open-Unmix weight file (*.pt, *.pth) in " + folder);
    std::stable_sort(models.begin(), models.end(), [](const TargetModel &a, const TargetModel &b) {
        return rank(a.name) < rank(b.name);
    });
    return models;
}

void saveTargetModels(const std::string &folder, const std::vector<TargetModel> &models)
{
    if (!QDir().mkpath(QString::fromStdString(folder)))
        throw std::runtime_error("cannot create folder " + folder);
    for (const auto &m : models)
        writeStateDictFile(folder + "/" + m.name + ".pt", stateDictOf(*m.model));
}

} // namespace mirstudio::openunmix
