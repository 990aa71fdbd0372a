// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/umxweights.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

std::string shapeText(const torch::Tensor &t)
{
    std::ostringstream s;
    s << t.sizes();
    return s.str();
}

} // namespace

StateDict readStateDictFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open weight file " + path);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    c10::IValue value;
    try {
        value = torch::pickle_load(bytes);
    } catch (const std::exception &e) {
        throw std::runtime_error("weight file " + path + " is not a torch zip file: " + e.what());
    }
    if (!value.isGenericDict())
        throw std::runtime_error("weight file " + path + " does not hold a plain dict of tensors");
    StateDict dict;
    for (const auto &item : value.toGenericDict()) {
        if (!item.key().isString() || !item.value().isTensor())
            throw std::runtime_error("weight file " + path + " holds an entry that is not str -> Tensor");
        dict[item.key().toStringRef()] = item.value().toTensor();
    }
    return dict;
}

void writeStateDictFile(const std::string &path, const StateDict &dict)
{
    c10::Dict<std::string, torch::Tensor> out;
    for (const auto &[key, tensor] : dict)
        out.insert(key, tensor.detach().contiguous());
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(out));
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), std::streamsize(bytes.size()));
    if (!f)
        throw std::runtime_error("cannot write weight file " + path);
}

StateDict stateDictOf(const torch::nn::Module &module)
{
    StateDict dict;
    for (const auto &p : module.named_parameters())
        dict[p.key()] = p.value().detach().clone();
    for (const auto &b : module.named_buffers())
        dict[b.key()] = b.value().detach().clone();
    return dict;
}

void loadStateDict(torch::nn::Module &module, const StateDict &dict)
{
    torch::NoGradGuard noGrad;
    size_t used = 0;
    auto copyInto = [&](const std::string &key, torch::Tensor target) {
        const auto it = dict.find(key);
        if (it == dict.end())
            throw std::invalid_argument("weights lack \"" + key + "\"");
        if (!it->second.sizes().equals(target.sizes()))
            throw std::invalid_argument("weights \"" + key + "\" have shape " + shapeText(it->second)
                                        + ", the model needs " + shapeText(target));
        target.copy_(it->second);
        ++used;
    };
    for (const auto &p : module.named_parameters())
        copyInto(p.key(), p.value());
    for (const auto &b : module.named_buffers())
        copyInto(b.key(), b.value());
    if (used != dict.size()) {
        for (const auto &[key, tensor] : dict) {
            if (!module.named_parameters().contains(key) && !module.named_buffers().contains(key))
                throw std::invalid_argument("weights hold an unexpected key \"" + key + "\"");
        }
    }
}

} // namespace mirstudio::openunmix
