// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the checkpoint reader tests (tst_checkpointreader, tst_checkpointfidelity).
#pragma once

#include <torch/torch.h>

#include "plugins/toolkit/checkpointreader.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <fstream>
#include <iterator>
#include <string>

namespace mirstudio::toolkit::testing {

/** A zip-format file as libtorch's own torch::pickle_load reads it (a plain dict). */
inline c10::Dict<c10::IValue, c10::IValue> pickleLoad(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    return torch::pickle_load(bytes).toGenericDict();
}

/** The whole file. */
inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return f.readAll();
}

/** The tensor named `name` in `dict`, or an undefined tensor. */
inline at::Tensor entry(const StateDict &dict, const std::string &name)
{
    for (const auto &[key, value] : dict) {
        if (key == name)
            return value;
    }
    return {};
}

/** Same dtype, shape and values. */
inline bool sameTensor(const at::Tensor &a, const at::Tensor &b)
{
    return a.defined() && b.defined() && a.scalar_type() == b.scalar_type()
        && a.sizes() == b.sizes() && torch::equal(a, b);
}

} // namespace mirstudio::toolkit::testing
