// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/torchscript/torchscriptplugin.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/torchscript/scriptedmodel.h"

#include <torch/torch.h>

#include <QFileInfo>

namespace mirstudio::torchscript {

namespace {

template<typename T>
const T &inputOf(const sdk::ValueMap &inputs, const QString &id)
{
    const auto it = inputs.find(id);
    if (it == inputs.end() || !std::holds_alternative<T>(*it))
        throw sdk::PluginError(QStringLiteral("input \"%1\" is missing or of the wrong kind").arg(id));
    return std::get<T>(*it);
}

/** Planar audio → [channels, frames] matching the method's channels and input ratio (nn~ keeps
 *  the last sample of every in_ratio block). */
torch::Tensor audioInput(const sdk::AudioBuffer &audio, const MethodInfo &m)
{
    if (audio.isEmpty())
        throw sdk::PluginError(QStringLiteral("the audio is empty"));
    std::vector<torch::Tensor> rows;
    for (const auto &c : audio.channels)
        rows.push_back(torch::from_blob(const_cast<float *>(c.data()), {int64_t(c.size())}, torch::kFloat32));
    torch::Tensor x = torch::stack(rows).clone();
    const int channels = audio.channelCount();
    if (m.inChannels > 0 && m.inChannels != channels) {
        if (m.inChannels == 1)
            x = x.mean(0, /*keepdim=*/true);
        else if (channels == 1)
            x = x.expand({m.inChannels, x.size(1)}).clone();
        else
            throw sdk::PluginError(QStringLiteral("%1 takes %2 channels; the audio has %3")
                                       .arg(m.name).arg(m.inChannels).arg(channels));
    }
    if (m.inRatio > 1) {
        const int64_t blocks = (x.size(1) + m.inRatio - 1) / m.inRatio;
        x = torch::nn::functional::pad(x, torch::nn::functional::PadFuncOptions({0, blocks * m.inRatio - x.size(1)}))
                .reshape({x.size(0), blocks, m.inRatio}).select(-1, -1);
    }
    return x;
}

/** [channels, frames at out_ratio] → audio held to the base rate (as nn~), `frames` long. */
sdk::AudioBuffer audioOutput(torch::Tensor y, int outRatio, int64_t frames, double sampleRate)
{
    if (outRatio > 1)
        y = y.repeat_interleave(outRatio, 1);
    y = y.narrow(1, 0, std::min(frames, y.size(1))).contiguous();
    sdk::AudioBuffer out;
    out.sampleRate = sampleRate;
    for (int64_t c = 0; c < y.size(0); ++c) {
        const float *p = y[c].data_ptr<float>();
        out.channels.emplace_back(p, p + y.size(1));
    }
    return out;
}

sdk::Matrix describe(const ScriptedModel &model)
{
    sdk::Matrix m;
    m.cols = 4;
    m.colLabels = {QStringLiteral("in_channels"), QStringLiteral("in_ratio"),
                   QStringLiteral("out_channels"), QStringLiteral("out_ratio")};
    for (const auto &info : model.methods()) {
        ++m.rows;
        m.rowLabels << info.name;
        for (int v : {info.inChannels, info.inRatio, info.outChannels, info.outRatio})
            m.data.push_back(float(v));
    }
    return m;
}

} // namespace

TorchScriptPlugin::TorchScriptPlugin() = default;
TorchScriptPlugin::~TorchScriptPlugin() = default;

void TorchScriptPlugin::initialise(const QString &)
{
    // No weights of its own: the model is chosen per job through the "model" parameter.
}

const ScriptedModel &TorchScriptPlugin::model(const QString &path)
{
    if (path.isEmpty())
        throw sdk::PluginError(QStringLiteral("choose a TorchScript model file (parameter \"model\")"));
    const QFileInfo info(path);
    if (!info.isFile())
        throw sdk::PluginError(QStringLiteral("model file %1 does not exist").arg(path));
    const qint64 stamp = info.lastModified().toMSecsSinceEpoch() ^ info.size();
    if (!m_model || m_model->path() != info.absoluteFilePath() || m_modelStamp != stamp) {
        m_model.reset();
        try {
            m_model = std::make_unique<ScriptedModel>(info.absoluteFilePath());
        } catch (const std::runtime_error &e) {
            throw sdk::PluginError(QString::fromUtf8(e.what()));
        }
        m_modelStamp = stamp;
    }
    return *m_model;
}

sdk::ValueMap TorchScriptPlugin::run(const QString &method, const sdk::ValueMap &inputs,
                                     const QVariantMap &params, sdk::JobContext &ctx)
{
    const ScriptedModel &m = model(params.value(QStringLiteral("model")).toString());
    if (method == QLatin1String("describe"))
        return {{QStringLiteral("methods"), describe(m)}};

    const QString name = params.value(QStringLiteral("method"), method).toString();
    const auto info = m.method(name);
    if (!info) {
        QStringList offered;
        for (const auto &mi : m.methods())
            offered << mi.name;
        throw sdk::PluginError(QStringLiteral("the model has no method \"%1\"; it offers: %2")
                                   .arg(name, offered.join(QStringLiteral(", "))));
    }
    const int64_t chunk = params.value(QStringLiteral("chunk"), 16384).toLongLong();
    const auto progress = [&ctx](int64_t done, int64_t total) {
        if (ctx.isCancelled())
            return false;
        ctx.setProgress(double(done) / double(total), QStringLiteral("chunk %1/%2").arg(done).arg(total));
        return true;
    };
    const auto call = [&](const torch::Tensor &x) {
        torch::Tensor y;
        try {
            y = m.run(*info, x, chunk, progress);
        } catch (const std::runtime_error &e) {
            throw sdk::PluginError(QString::fromUtf8(e.what()));
        }
        if (!y.defined())
            throw sdk::Cancelled();
        return y;
    };

    if (method == QLatin1String("forward") || method == QLatin1String("encode")) {
        const auto &audio = inputOf<sdk::AudioBuffer>(inputs, QStringLiteral("audio"));
        if (m.sampleRate() > 0 && std::abs(m.sampleRate() - audio.sampleRate) > 0.5)
            throw sdk::PluginError(QStringLiteral("the model works at %1 Hz; the audio is at %2 Hz (resample it first)")
                                       .arg(m.sampleRate()).arg(audio.sampleRate));
        const torch::Tensor y = call(audioInput(audio, *info));
        if (method == QLatin1String("forward"))
            return {{QStringLiteral("audio"), audioOutput(y, info->outRatio, audio.frameCount(), audio.sampleRate)}};
        sdk::LatentSet latent;
        latent.codes.rows = int(y.size(1));
        latent.codes.cols = int(y.size(0));
        const torch::Tensor codes = y.t().contiguous();
        latent.codes.data.assign(codes.data_ptr<float>(), codes.data_ptr<float>() + codes.numel());
        for (int64_t d = 0; d < y.size(0); ++d)
            latent.dimensionNames << QStringLiteral("z%1").arg(d);
        std::vector<double> times;   // start of each code's span, seconds
        for (int64_t n = 0; n < y.size(1); ++n)
            times.push_back(double(n * info->outRatio) / audio.sampleRate);
        latent.attributes.insert(QStringLiteral("time"), times);
        return {{QStringLiteral("latent"), latent}};
    }
    if (method == QLatin1String("decode")) {
        const auto &latent = inputOf<sdk::LatentSet>(inputs, QStringLiteral("latent"));
        if (latent.codes.rows == 0)
            throw sdk::PluginError(QStringLiteral("the latent trajectory is empty"));
        const torch::Tensor z = torch::from_blob(const_cast<float *>(latent.codes.data.data()),
                                                 {latent.codes.rows, latent.codes.cols}, torch::kFloat32)
                                    .t().contiguous();
        const torch::Tensor y = call(z);
        double rate = params.value(QStringLiteral("sample_rate"), 0.0).toDouble();
        if (rate <= 0)
            rate = m.sampleRate() > 0 ? m.sampleRate() : 44100.0;
        return {{QStringLiteral("audio"),
                 audioOutput(y, info->outRatio, int64_t(latent.codes.rows) * info->inRatio, rate)}};
    }
    throw sdk::PluginError(QStringLiteral("unknown method \"%1\"").arg(method));
}

} // namespace mirstudio::torchscript
