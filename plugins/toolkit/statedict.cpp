// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/statedict.h"

#include <set>
#include <sstream>
#include <unordered_map>

namespace mirstudio::toolkit {

namespace {

std::string shapeText(at::IntArrayRef sizes)
{
    std::ostringstream s;
    s << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        s << (i ? ", " : "") << sizes[i];
    s << ']';
    return s.str();
}

/** "3 missing keys (a, b, c)": at most 8 names listed. */
std::string listProblems(const std::vector<std::string> &names, const std::string &what)
{
    std::string out = std::to_string(names.size()) + " " + what + " (";
    for (size_t i = 0; i < names.size() && i < 8; ++i)
        out += (i ? ", " : "") + names[i];
    if (names.size() > 8)
        out += ", ...";
    return out + ")";
}

} // namespace

StateDict stateDictOf(const torch::nn::Module &module)
{
    StateDict out;
    for (const auto &p : module.named_parameters(/*recurse=*/true))
        out.emplace_back(p.key(), p.value());
    for (const auto &b : module.named_buffers(/*recurse=*/true))
        out.emplace_back(b.key(), b.value());
    return out;
}

void applyStateDict(torch::nn::Module &module, const StateDict &dict, const KeyMap &map,
                    bool strict)
{
    std::unordered_map<std::string, const at::Tensor *> byName;
    for (const auto &[name, tensor] : dict)
        byName[name] = &tensor;
    std::vector<std::string> missing;
    std::vector<std::string> mismatched;
    std::set<std::string> used;
    std::vector<std::pair<at::Tensor, const at::Tensor *>> copies;
    for (const auto &[name, target] : stateDictOf(module)) {
        const auto mapped = map.find(name);
        const std::string key = mapped == map.end() ? name : mapped->second;
        const auto found = byName.find(key);
        if (found == byName.end()) {
            missing.push_back(key == name ? name : name + " <- " + key);
            continue;
        }
        used.insert(key);
        if (found->second->sizes() != target.sizes()) {
            mismatched.push_back(key + ": model " + shapeText(target.sizes()) + " vs checkpoint "
                                 + shapeText(found->second->sizes()));
            continue;
        }
        copies.emplace_back(target, found->second);
    }
    std::vector<std::string> unexpected;
    if (strict) {
        for (const auto &[name, tensor] : dict) {
            if (!used.count(name))
                unexpected.push_back(name);
        }
    }
    if (!missing.empty() || !unexpected.empty() || !mismatched.empty()) {
        std::string message = "state dict does not fit the model:";
        if (!missing.empty())
            message += " " + listProblems(missing, "missing keys");
        if (!unexpected.empty())
            message += " " + listProblems(unexpected, "unexpected keys");
        if (!mismatched.empty())
            message += " " + listProblems(mismatched, "shape mismatches");
        throw CheckpointError(message);
    }
    torch::NoGradGuard noGrad;
    for (auto &[target, source] : copies)
        target.copy_(source->to(target.device(), target.scalar_type()));
}

} // namespace mirstudio::toolkit
