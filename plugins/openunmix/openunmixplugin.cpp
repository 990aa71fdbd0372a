// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/openunmixplugin.h"

#include "plugins/openunmix/chunkedseparation.h"
#include "plugins/openunmix/targetmodels.h"
#include "plugins/openunmix/umxtrainer.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/audiotensor.h"

#include "core/media/resampler.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace mirstudio::openunmix {

namespace {

constexpr int kModelRate = 44100;
constexpr double kOverlapSeconds = 1.0;

media::AudioData toAudioData(const sdk::AudioBuffer &b)
{
    media::AudioData d;
    d.sampleRate = int(std::lround(b.sampleRate));
    d.channels = b.channels;
    return d;
}

/** [outputs, channels, time] at 44.1 kHz → stems at the mix's rate, length and channel count. */
sdk::StemSet toStems(const torch::Tensor &out, const QStringList &names, const sdk::AudioBuffer &mix)
{
    sdk::StemSet set;
    set.order = names;
    const int rate = int(std::lround(mix.sampleRate));
    for (int j = 0; j < names.size(); ++j) {
        auto t = out[j];
        if (t.size(0) != mix.channelCount())
            t = t.mean(0, true);
        media::AudioData d;
        d.sampleRate = kModelRate;
        d.channels = toolkit::tensorToAudio(t, kModelRate).channels;
        if (rate != kModelRate)
            d = media::resample(d, rate);
        sdk::AudioBuffer b;
        b.sampleRate = mix.sampleRate;
        b.channels = std::move(d.channels);
        for (auto &c : b.channels)
            c.resize(size_t(mix.frameCount()), 0.0f);
        set.stems.insert(names[j], std::move(b));
    }
    return set;
}

std::vector<std::string> splitList(const QString &text)
{
    std::vector<std::string> items;
    for (const QString &s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.push_back(s.trimmed().toStdString());
    return items;
}

} // namespace

OpenUnmixPlugin::OpenUnmixPlugin() = default;
OpenUnmixPlugin::~OpenUnmixPlugin() = default;

void OpenUnmixPlugin::initialise(const QString &modelFolder)
{
    try {
        m_models = loadTargetModels(modelFolder.toStdString());
        const QString rendered = modelFolder + QStringLiteral("/rendered");
        if (QFileInfo(rendered).isDir())
            m_rendered = loadTargetModels(rendered.toStdString());
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromStdString(e.what()));
    }
}

const std::vector<TargetModel> &OpenUnmixPlugin::modelsFor(const QVariantMap &params) const
{
    const QString model = params.value(QStringLiteral("model"), QStringLiteral("default")).toString();
    if (model == QLatin1String("rendered")) {
        if (m_rendered.empty())
            throw sdk::PluginError(QStringLiteral("the rendered-stems model (rendered/ in the model folder) is not installed"));
        return m_rendered;
    }
    if (model != QLatin1String("default"))
        throw sdk::PluginError(QStringLiteral("unknown model \"%1\" (default or rendered)").arg(model));
    if (m_models.empty())
        throw sdk::PluginError(QStringLiteral("no Open-Unmix model is loaded"));
    return m_models;
}

QStringList OpenUnmixPlugin::targets() const
{
    QStringList names;
    for (const auto &m : m_models)
        names << QString::fromStdString(m.name);
    return names;
}

sdk::ValueMap OpenUnmixPlugin::run(const QString &method, const sdk::ValueMap &inputs,
                                   const QVariantMap &params, sdk::JobContext &ctx)
{
    if (method == QLatin1String("separate"))
        return separate(inputs, params, ctx);
    if (method == QLatin1String("train"))
        return train(params, ctx);
    throw sdk::PluginError(QStringLiteral("openunmix has no method \"%1\"").arg(method));
}

sdk::ValueMap OpenUnmixPlugin::separate(const sdk::ValueMap &inputs, const QVariantMap &params,
                                        sdk::JobContext &ctx)
{
    const auto &models = modelsFor(params);
    const sdk::Value mixValue = inputs.value(QStringLiteral("mix"));
    const auto *mix = std::get_if<sdk::AudioBuffer>(&mixValue);
    if (!mix || mix->isEmpty())
        throw sdk::PluginError(QStringLiteral("the mix is empty"));
    if (mix->channelCount() > 2)
        throw sdk::PluginError(QStringLiteral("%1 channels: Open-Unmix takes mono or stereo").arg(mix->channelCount()));

    std::vector<TargetModel> chosen;
    const auto wanted = splitList(params.value(QStringLiteral("targets")).toString());
    QStringList available;
    for (const auto &m : models) {
        available << QString::fromStdString(m.name);
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), m.name) != wanted.end())
            chosen.push_back(m);
    }
    if (chosen.size() != (wanted.empty() ? models.size() : wanted.size()))
        throw sdk::PluginError(QStringLiteral("unknown target in \"%1\"; the model has %2")
                                   .arg(params.value(QStringLiteral("targets")).toString(), available.join(QLatin1String(", "))));
    SeparatorConfig config;
    config.wiener.iterations = params.value(QStringLiteral("niter"), 1).toInt();
    config.wiener.residual = params.value(QStringLiteral("residual"), false).toBool();
    config.wiener.softmask = params.value(QStringLiteral("softmask"), false).toBool();
    if (chosen.size() == 1 && !config.wiener.residual && config.wiener.iterations > 0) {
        ctx.log(QStringLiteral("one target without residual: Wiener EM needs two sources, niter set to 0"));
        config.wiener.iterations = 0;
    }
    const Separator separator(std::move(chosen), config);
    QStringList names;
    for (const auto &n : separator.outputNames())
        names << QString::fromStdString(n);

    media::AudioData audio = toAudioData(*mix);
    if (audio.sampleRate != kModelRate)
        audio = media::resample(audio, kModelRate);
    sdk::AudioBuffer modelRateMix;
    modelRateMix.sampleRate = kModelRate;
    modelRateMix.channels = std::move(audio.channels);
    auto x = toolkit::audioToTensor(modelRateMix);
    if (x.size(0) == 1 && separator.modelChannels() == 2)
        x = x.expand({2, -1}).contiguous();

    const double chunkSeconds = params.value(QStringLiteral("chunk"), 15.0).toDouble();
    const ChunkedSeparation chunked(separator, int64_t(chunkSeconds * kModelRate),
                                    int64_t(kOverlapSeconds * kModelRate));
    const auto poll = [&ctx] {
        if (ctx.isCancelled())
            throw sdk::Cancelled();
    };
    const double toMixRate = mix->sampleRate / kModelRate;
    const auto out = chunked.run(x, poll, [&](const torch::Tensor &partial, int64_t ready, int k, int chunks) {
        ctx.setProgress(double(k + 1) / chunks, QStringLiteral("chunk %1/%2").arg(k + 1).arg(chunks));
        if (k + 1 < chunks)
            ctx.publishPartial(QStringLiteral("stems"), toStems(partial, names, *mix),
                               int64_t(std::floor(double(ready) * toMixRate)));
    });
    return {{QStringLiteral("stems"), toStems(out, names, *mix)}};
}

sdk::ValueMap OpenUnmixPlugin::train(const QVariantMap &params, sdk::JobContext &ctx)
{
    const std::string data = params.value(QStringLiteral("data")).toString().toStdString();
    const std::string out = params.value(QStringLiteral("out")).toString().toStdString();
    if (data.empty() || out.empty())
        throw sdk::PluginError(QStringLiteral("train needs a stem folder (data) and an output folder (out)"));
    TrainConfig config;
    config.steps = params.value(QStringLiteral("steps"), 1000).toInt();
    config.seed = uint64_t(params.value(QStringLiteral("seed"), 42).toLongLong());
    config.model.hiddenSize = params.value(QStringLiteral("hidden"), 64).toInt();
    config.batchSize = params.value(QStringLiteral("batch"), config.batchSize).toInt();
    config.frames = params.value(QStringLiteral("frames"), config.frames).toInt();
    sdk::Matrix loss;
    try {
        auto songs = splitList(params.value(QStringLiteral("songs")).toString());
        if (songs.empty())
            songs = listStemSongs(data);
        auto stems = stemNamesOf(data + "/" + songs.front(), params.value(QStringLiteral("stems")).toString().toStdString());
        const auto only = splitList(params.value(QStringLiteral("targets")).toString());
        if (!only.empty())
            std::erase_if(stems, [&](const StemName &s) { return std::find(only.begin(), only.end(), s.target) == only.end(); });
        if (stems.empty())
            throw sdk::PluginError(QStringLiteral("no stem matches the targets \"%1\"").arg(params.value(QStringLiteral("targets")).toString()));
        std::vector<std::string> targetNames;
        for (const auto &s : stems)
            targetNames.push_back(s.target);
        UmxTrainer trainer(config, targetNames);
        for (const auto &song : songs)
            trainer.addSong(readStemSong(data + "/" + song, stems));
        loss.rows = config.steps;
        loss.cols = int(targetNames.size());
        for (const auto &n : targetNames)
            loss.colLabels << QString::fromStdString(n);
        const auto models = trainer.train([&](int step, const std::vector<double> &losses) {
            if (ctx.isCancelled())
                throw sdk::Cancelled();
            for (double l : losses)
                loss.data.push_back(float(l));
            ctx.setProgress(double(step + 1) / config.steps, QStringLiteral("step %1/%2").arg(step + 1).arg(config.steps));
        });
        saveTargetModels(out, models);
    } catch (const sdk::Cancelled &) {
        throw;
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromStdString(e.what()));
    }
    ctx.log(QStringLiteral("wrote %1 target models to %2").arg(loss.cols).arg(QString::fromStdString(out)));
    return {{QStringLiteral("loss"), loss}};
}

} // namespace mirstudio::openunmix
