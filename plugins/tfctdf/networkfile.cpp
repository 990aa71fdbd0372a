// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/networkfile.h"

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

} // namespace mirstudio::tfctdf
