// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/torchscript/scriptedmodel.h"

#include <torch/torch.h>

#include <numeric>
#include <stdexcept>

namespace mirstudio::torchscript {

namespace {

std::runtime_error failure(const QString &message)
{
    return std::runtime_error(message.toStdString());
}

/** Calls a no-argument method returning List[str]; empty when absent or of another type. */
QStringList stringListFrom(torch::jit::Module &module, const char *methodName)
{
    QStringList out;
    const auto m = module.find_method(methodName);
    if (!m)
        return out;
    try {
        const c10::IValue v = (*m)(std::vector<c10::IValue>{});
        if (v.isList())
            for (const auto &item : v.toListRef())
                if (item.isString())
                    out << QString::fromStdString(item.toStringRef());
    } catch (const std::exception &) {
        // Not nn~'s List[str] getter: treated as absent.
    }
    return out;
}

std::optional<MethodInfo> declaredInfo(const torch::jit::Module &module, const std::string &name)
{
    const std::string attr = name + "_params";
    if (!module.hasattr(attr))
        return std::nullopt;
    const c10::IValue v = module.attr(attr);
    if (!v.isTensor() || v.toTensor().numel() < 4)
        return std::nullopt;
    const torch::Tensor p = v.toTensor().to(torch::kLong).flatten();
    MethodInfo info;
    info.name = QString::fromStdString(name);
    info.inChannels = int(p[0].item<int64_t>());
    info.inRatio = int(p[1].item<int64_t>());
    info.outChannels = int(p[2].item<int64_t>());
    info.outRatio = int(p[3].item<int64_t>());
    info.declared = true;
    return info;
}

} // namespace

ScriptedModel::ScriptedModel(const QString &path) : m_path(path)
{
    try {
        m_module = torch::jit::load(path.toStdString(), torch::kCPU);
    } catch (const std::exception &e) {
        throw failure(QStringLiteral("cannot load TorchScript model %1: %2")
                          .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    m_module.eval();

    QStringList names = stringListFrom(m_module, "get_methods");
    if (names.isEmpty())
        for (const auto &m : m_module.get_methods())
            if (declaredInfo(m_module, m.name()))
                names << QString::fromStdString(m.name());
    for (const QString &name : names)
        if (auto info = declaredInfo(m_module, name.toStdString()); info && m_module.find_method(name.toStdString()))
            m_methods.push_back(*info);
    // A plain scripted module: its forward, with channels and ratios left open.
    if (m_methods.empty() && m_module.find_method("forward"))
        m_methods.push_back(MethodInfo{QStringLiteral("forward")});

    m_attributes = stringListFrom(m_module, "get_attributes");
    for (const char *rateName : {"sampling_rate", "sr"})
        if (m_module.hasattr(rateName)) {
            const c10::IValue v = m_module.attr(rateName);
            if (v.isInt() || v.isDouble()) {
                m_sampleRate = v.toScalar().to<double>();
                break;
            }
        }
}

std::optional<MethodInfo> ScriptedModel::method(const QString &name) const
{
    for (const auto &m : m_methods)
        if (m.name == name)
            return m;
    return std::nullopt;
}

torch::Tensor ScriptedModel::run(const MethodInfo &method, const torch::Tensor &input,
                                 int64_t chunkSamples, const ChunkCallback &progress) const
{
    if (input.dim() != 2)
        throw failure(QStringLiteral("%1: input must be [channels, frames]").arg(method.name));
    if (method.inChannels > 0 && input.size(0) != method.inChannels)
        throw failure(QStringLiteral("%1 expects %2 input channels, got %3")
                          .arg(method.name).arg(method.inChannels).arg(input.size(0)));
    if (method.inRatio < 1 || method.outRatio < 1)
        throw failure(QStringLiteral("%1 declares a ratio below 1").arg(method.name));

    const int64_t unit = std::lcm<int64_t>(method.inRatio, method.outRatio);
    const int64_t totalBase = input.size(1) * method.inRatio;
    int64_t chunkBase = chunkSamples > 0 ? chunkSamples : std::max<int64_t>(totalBase, 1);
    chunkBase = ((chunkBase + unit - 1) / unit) * unit;
    const int64_t chunkIn = chunkBase / method.inRatio;
    const int64_t chunkOut = chunkBase / method.outRatio;
    const int64_t chunks = std::max<int64_t>((totalBase + chunkBase - 1) / chunkBase, 1);
    const int64_t wantOut = (totalBase + method.outRatio - 1) / method.outRatio;

    torch::jit::Module module = m_module.clone();   // each run starts from the saved state
    c10::InferenceMode inference;
    auto fn = module.get_method(method.name.toStdString());
    const torch::Tensor x = input.to(torch::kFloat32);
    std::vector<torch::Tensor> outputs;
    for (int64_t k = 0; k < chunks; ++k) {
        if (progress && !progress(k, chunks))
            return {};
        const int64_t begin = k * chunkIn;
        const int64_t n = std::min(chunkIn, x.size(1) - begin);
        torch::Tensor piece = n > 0 ? x.narrow(1, begin, n) : x.narrow(1, 0, 0);
        if (n < chunkIn)
            piece = torch::nn::functional::pad(piece, torch::nn::functional::PadFuncOptions({0, chunkIn - n}));
        c10::IValue result;
        try {
            result = fn({piece.unsqueeze(0).contiguous()});
        } catch (const std::exception &e) {
            throw failure(QStringLiteral("%1 failed: %2")
                              .arg(method.name, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
        }
        if (!result.isTensor() || result.toTensor().dim() != 3 || result.toTensor().size(0) != 1)
            throw failure(QStringLiteral("%1 must return one [1, channels, frames] tensor").arg(method.name));
        const torch::Tensor y = result.toTensor()[0];
        if (y.size(1) != chunkOut)
            throw failure(QStringLiteral("%1 returned %2 frames for %3 input frames; its ratios %4:%5 "
                                         "promise %6")
                              .arg(method.name).arg(y.size(1)).arg(chunkIn).arg(method.inRatio)
                              .arg(method.outRatio).arg(chunkOut));
        if (method.outChannels > 0 && y.size(0) != method.outChannels)
            throw failure(QStringLiteral("%1 returned %2 channels, declared %3")
                              .arg(method.name).arg(y.size(0)).arg(method.outChannels));
        outputs.push_back(y.to(torch::kFloat32).clone());
    }
    if (progress && !progress(chunks, chunks))
        return {};
    return torch::cat(outputs, 1).narrow(1, 0, wantOut).contiguous();
}

} // namespace mirstudio::torchscript
