// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/networkfile.h"

#include <QFile>
#include <QSaveFile>

#include <stdexcept>

namespace mirstudio::tfctdf {

void saveNetwork(const UNetImpl &net, const std::string &path)
{
    c10::Dict<std::string, torch::Tensor> dict;
    for (const auto &p : net.named_parameters())
        dict.insert(p.key(), p.value().detach().contiguous());
    for (const auto &b : net.named_buffers())
        dict.insert(b.key(), b.value().detach().contiguous());
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())
        || !file.commit())
        throw std::runtime_error("cannot write " + path);
}

NamedTensors readPickledTensorDict(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path);
    const QByteArray bytes = file.readAll();
    c10::IValue value;
    try {
        value = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    } catch (const std::exception &e) {
        throw std::runtime_error(path + " is not a libtorch pickle: " + e.what());
    }
    if (!value.isGenericDict())
        throw std::runtime_error(path + " does not hold a dict");
    NamedTensors out;
    for (const auto &item : value.toGenericDict()) {
        if (!item.key().isString() || !item.value().isTensor())
            throw std::runtime_error(path + " holds an entry that is not str -> Tensor");
        out.emplace_back(item.key().toStringRef(), item.value().toTensor());
    }
    return out;
}

} // namespace mirstudio::tfctdf
