// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/statedictimport.h"

#include <torch/torch.h>

#include <QFile>
#include <QString>

#include <map>
#include <stdexcept>
#include <string>

namespace mirstudio::tfctdf::testing {

/** Reads a zip-format `torch.save` of a plain dict (the golden fixtures) in insertion order. */
inline NamedTensors loadTensorDict(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    const QByteArray bytes = f.readAll();
    const std::vector<char> data(bytes.begin(), bytes.end());
    const c10::IValue value = torch::pickle_load(data);
    NamedTensors out;
    for (const auto &entry : value.toGenericDict())
        out.emplace_back(entry.key().toStringRef(), entry.value().toTensor());
    return out;
}

/** The entry `key` of a loaded dict; throws when missing. */
inline torch::Tensor entry(const NamedTensors &dict, const std::string &key)
{
    for (const auto &[k, t] : dict)
        if (k == key)
            return t;
    throw std::runtime_error("no entry " + key);
}

/** max|actual - reference| / max|reference|, the fixtures' tolerance measure. */
inline double relativeError(const torch::Tensor &actual, const torch::Tensor &reference)
{
    const torch::Tensor a = actual.to(torch::kFloat64), r = reference.to(torch::kFloat64);
    return (a - r).abs().max().item<double>() / r.abs().max().item<double>();
}

/** Maintained-layout spectrogram [B, 4, T, F] ([L.re, R.re, L.im, R.im]) ↔ paper layout
 *  [B, 4, F, T] ([L.re, L.im, R.re, R.im]); the map is its own inverse. */
inline torch::Tensor swapSpectrogramLayout(const torch::Tensor &spec)
{
    return spec.index_select(1, complexChannelPermutation()).transpose(-1, -2).contiguous();
}

} // namespace mirstudio::tfctdf::testing
