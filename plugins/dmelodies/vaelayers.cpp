// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/vaelayers.h"

namespace mirstudio::dmelodies {

torch::nn::Sequential headMlp(int64_t in, int64_t hidden, int64_t out)
{
    return torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::SELU(), torch::nn::Linear(hidden, out));
}

torch::nn::Sequential linearSelu(int64_t in, int64_t out)
{
    return torch::nn::Sequential(torch::nn::Linear(in, out), torch::nn::SELU());
}

void xavierNormalWeights(torch::nn::Module &module)
{
    torch::NoGradGuard guard;
    for (auto &p : module.named_parameters())
        if (p.key().find("weight") != std::string::npos && p.value().dim() >= 2)
            torch::nn::init::xavier_normal_(p.value());
}

std::map<std::string, std::string> officialKeyMap(const torch::nn::Module &module)
{
    std::map<std::string, std::string> map;
    auto add = [&map](const std::string &name) {
        std::string key = name;
        for (size_t at = key.find("__"); at != std::string::npos; at = key.find("__", at))
            key.replace(at, 2, ".");
        map[name] = key;
    };
    for (const auto &p : module.named_parameters())
        add(p.key());
    for (const auto &b : module.named_buffers())
        add(b.key());
    return map;
}

} // namespace mirstudio::dmelodies
