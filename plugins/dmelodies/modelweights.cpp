// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/modelweights.h"

#include "plugins/dmelodies/vaelayers.h"
#include "plugins/toolkit/statedict.h"

#include <QFile>
#include <stdexcept>

namespace mirstudio::dmelodies {

void loadOfficialStateDict(torch::nn::Module &model, const toolkit::StateDict &dict)
{
    toolkit::applyStateDict(model, dict, officialKeyMap(model), true);
}

void loadOfficialWeights(torch::nn::Module &model, const QString &path)
{
    toolkit::StateDict dict;
    try {
        dict = toolkit::loadStateDict(path); // official torch.save files
    } catch (const std::exception &official) {
        // Files written by saveOfficialWeights (torch::pickle_save tags the dict's types, which
        // the restricted reader refuses): read them with torch::pickle_load.
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw;
        const QByteArray bytes = file.readAll();
        try {
            const auto value = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
            for (const auto &item : value.toGenericDict())
                dict.emplace_back(item.key().toStringRef(), item.value().toTensor());
        } catch (const std::exception &) {
            throw official;
        }
    }
    loadOfficialStateDict(model, dict);
}

void saveOfficialWeights(const torch::nn::Module &model, const QString &path)
{
    const auto map = officialKeyMap(model);
    c10::Dict<std::string, torch::Tensor> dict;
    for (const auto &p : model.named_parameters())
        dict.insert(map.at(p.key()), p.value().detach().contiguous());
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        throw std::runtime_error("cannot write " + path.toStdString());
}

} // namespace mirstudio::dmelodies
