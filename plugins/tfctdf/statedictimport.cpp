// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/statedictimport.h"

#include "plugins/tfctdf/unet.h"

#include "plugins/toolkit/statedict.h"

namespace mirstudio::tfctdf {

namespace {

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

std::string renamePrefix(const std::string &key)
{
    static const std::vector<std::pair<std::string, std::string>> kRenames = {
        {"downsamplings.", "downsampling."}, {"upsamplings.", "upsampling."}, {"last_conv.", "final_conv."}};
    for (const auto &[from, to] : kRenames)
        if (startsWith(key, from))
            return to + key.substr(from.size());
    return key;
}

/** (out, in, kT, kF) with maintained channel order → (out, in, kF, kT) in paper order. */
torch::Tensor convertEdgeConv(const std::string &key, const torch::Tensor &t)
{
    torch::Tensor v = t;
    const bool first = startsWith(key, "first_conv.0.");
    const int channelDim = first ? 1 : 0;
    if (v.dim() > channelDim && v.size(channelDim) == 4)
        v = v.index_select(channelDim, complexChannelPermutation());
    if (v.dim() == 4)
        v = v.transpose(2, 3);
    return v.contiguous();
}

} // namespace

torch::Tensor complexChannelPermutation()
{
    return torch::tensor({0, 2, 1, 3}, torch::kLong);
}

KeyLayout detectKeyLayout(const NamedTensors &state)
{
    for (const auto &entry : state)
        if (startsWith(entry.first, "spec2spec."))
            return KeyLayout::Maintained;
    return KeyLayout::Paper;
}

NamedTensors toPaperLayout(const NamedTensors &state)
{
    if (detectKeyLayout(state) == KeyLayout::Paper)
        return state;
    NamedTensors out;
    for (const auto &[key, tensor] : state) {
        if (!startsWith(key, "spec2spec."))
            continue;  // stft.stft.window and other framework buffers have no counterpart
        const std::string name = renamePrefix(key.substr(std::string("spec2spec.").size()));
        const bool edge = startsWith(name, "first_conv.0.weight") || startsWith(name, "final_conv.0.");
        out.emplace_back(name, edge ? convertEdgeConv(name, tensor) : tensor);
    }
    return out;
}

void loadPaperStateDict(UNetImpl &net, const NamedTensors &state)
{
    toolkit::applyStateDict(net, state, {}, /*strict=*/true);
}

} // namespace mirstudio::tfctdf
