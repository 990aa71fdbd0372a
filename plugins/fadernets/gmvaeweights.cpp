// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/gmvaeweights.h"

#include "plugins/toolkit/statedict.h"

#include <QFile>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>

#include <map>
#include <stdexcept>

namespace mirstudio::fadernets {

toolkit::StateDict dequantiseStateDict(const toolkit::StateDict &int8Dict,
                                       const toolkit::StateDict &scaleDict)
{
    std::map<std::string, torch::Tensor> scales(scaleDict.begin(), scaleDict.end());
    toolkit::StateDict out;
    out.reserve(int8Dict.size());
    for (const auto &[key, q] : int8Dict) {
        const auto it = scales.find(key);
        if (it == scales.end())
            throw std::runtime_error("no scale for weight " + key);
        // An int8 times a power of two is exact in float32.
        out.emplace_back(key, q.to(torch::kFloat32) * it->second.to(torch::kFloat32));
    }
    return out;
}

void loadGmvaeStateDict(torch::nn::Module &model, const toolkit::StateDict &dict)
{
    toolkit::applyStateDict(model, dict, {}, false);
}

namespace {

/**
 * torch.save'd dicts (and saveGmvaeWeights files) through the toolkit's reader; files of the
 * earlier saver (torch::pickle_save, whose dict type tag the reader refuses) through libtorch.
 */
toolkit::StateDict readStateDict(const QString &path)
{
    try {
        return toolkit::loadStateDict(path);
    } catch (const toolkit::CheckpointError &) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw;
        const QByteArray bytes = file.readAll();
        const auto value = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
        toolkit::StateDict out;
        for (const auto &item : value.toGenericDict())
            out.emplace_back(item.key().toStringRef(), item.value().toTensor());
        return out;
    }
}

} // namespace

void loadGmvaeWeights(torch::nn::Module &model, const QString &path)
{
    loadGmvaeStateDict(model, readStateDict(path));
}

GmvaeConfig configOfStateDict(const toolkit::StateDict &dict)
{
    std::map<std::string, torch::Tensor> byKey(dict.begin(), dict.end());
    auto shape = [&](const std::string &key, int dim) {
        const auto it = byKey.find(key);
        if (it == byKey.end())
            throw std::runtime_error("FaderNets weights lack " + key);
        return int(it->second.size(dim));
    };
    GmvaeConfig c;
    c.rollDims = shape("linear_out_g.weight", 0);
    c.hiddenDims = shape("linear_out_g.weight", 1);
    c.rhythmDims = shape("linear_out_r.weight", 0);
    c.noteDims = shape("linear_out_n.weight", 0);
    c.zDims = shape("mu_r.weight", 0);
    c.components = shape("mu_r_lookup.weight", 0);
    return c;
}

MusicAttrGmvae loadGmvae(const QString &path)
{
    const auto dict = readStateDict(path);
    MusicAttrGmvae model(configOfStateDict(dict));
    loadGmvaeStateDict(*model, dict);
    model->eval();
    return model;
}

namespace {

/**
 * torch.save's zip format holding `dict` as a plain dict: like torch::pickle_save, but without
 * the TorchScript type tag (torch.jit._pickle.restore_type_tag) that the toolkit's restricted
 * reader refuses.
 */
std::vector<char> plainDictArchive(const c10::Dict<std::string, torch::Tensor> &dict)
{
    std::vector<char> pickle;
    torch::jit::Pickler pickler([&pickle](const char *bytes, size_t size) { pickle.insert(pickle.end(), bytes, bytes + size); },
                                nullptr, nullptr, nullptr, nullptr, /*tag_aggregates=*/false);
    pickler.protocol();
    pickler.pushIValue(c10::IValue(dict));
    pickler.stop();
    std::vector<char> archive;
    caffe2::serialize::PyTorchStreamWriter writer([&archive](const void *bytes, size_t size) {
        const auto *begin = static_cast<const char *>(bytes);
        archive.insert(archive.end(), begin, begin + size);
        return size;
    });
    torch::jit::writeArchiveAndTensors("data", pickle.data(), pickle.size(), pickler.tensorData(), writer);
    writer.writeEndOfFile();
    return archive;
}

} // namespace

void saveGmvaeWeights(const torch::nn::Module &model, const QString &path)
{
    c10::Dict<std::string, torch::Tensor> dict;
    for (const auto &p : model.named_parameters())
        dict.insert(p.key(), p.value().detach().contiguous());
    const std::vector<char> bytes = plainDictArchive(dict);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        throw std::runtime_error("cannot write " + path.toStdString());
}

} // namespace mirstudio::fadernets
