// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tfctdfplugin.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/stemaudio.h"
#include "plugins/tfctdf/tfctdftrainer.h"
#include "plugins/tfctdf/trainmethod.h"
#include "plugins/toolkit/threads.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <map>

namespace mirstudio::tfctdf {

namespace {

constexpr double kModelRate = 44100.0;
constexpr const char *kShippedWeights = "cac_tdc_17_vocals_top1.pt";
constexpr qint64 kPartialIntervalMs = 2000;

/** The project's single-target models trained by tfctdf-train, under <model folder>/rendered. */
struct RenderedModel
{
    const char *id;
    const char *file;
    const char *target;
};
constexpr RenderedModel kRenderedModels[] = {{"rendered_bass", "rendered/bass.pt", "bass"},
                                             {"rendered_drums", "rendered/drums.pt", "drums"}};

/** A network and the names of its two stems: its estimate and mix minus the estimate. */
struct ChosenNetwork
{
    UNet net{nullptr};
    QString target = QStringLiteral("vocals");
    QString rest = QStringLiteral("accompaniment");
};

sdk::StemSet stems(const ChosenNetwork &chosen, const sdk::AudioBuffer &mix, sdk::AudioBuffer estimate)
{
    sdk::StemSet set;
    set.order = {chosen.target, chosen.rest};
    set.stems.insert(chosen.rest, subtractStem(mix, estimate));
    set.stems.insert(chosen.target, std::move(estimate));
    return set;
}

} // namespace

struct TfcTdfPlugin::Impl
{
    UNet shipped{nullptr};
    QString modelFolder;
    std::map<QString, UNet> rendered; ///< loaded on first use
    UNet custom{nullptr};
    QString customKey;

    ChosenNetwork network(const QVariantMap &params)
    {
        const QString model = params.value(QStringLiteral("model"), QStringLiteral("tdc17_vocals")).toString();
        for (const RenderedModel &r : kRenderedModels) {
            if (model == QLatin1String(r.id))
                return {renderedNetwork(r), QString::fromLatin1(r.target), QStringLiteral("rest")};
        }
        if (model != QLatin1String("custom")) {
            if (model != QLatin1String("tdc17_vocals"))
                throw sdk::PluginError(QStringLiteral("unknown model \"%1\"").arg(model));
            if (shipped.is_empty())
                throw sdk::PluginError(QStringLiteral("the plugin is not initialised"));
            return {shipped};
        }
        return {customNetwork(params)};
    }

    UNet renderedNetwork(const RenderedModel &r)
    {
        auto found = rendered.find(QLatin1String(r.id));
        if (found != rendered.end())
            return found->second;
        const QString path = QDir(modelFolder).filePath(QLatin1String(r.file));
        if (!QFileInfo::exists(path))
            throw sdk::PluginError(QStringLiteral("model %1 is not installed (%2 is missing)").arg(QLatin1String(r.id), path));
        try {
            UNet net = loadNetwork(path.toStdString(), TfcTdfTrainSettings::smallModel());
            rendered.emplace(QLatin1String(r.id), net);
            return net;
        } catch (const std::exception &e) {
            throw sdk::PluginError(QString::fromStdString(e.what()));
        }
    }

    UNet customNetwork(const QVariantMap &params)
    {
        const QString path = params.value(QStringLiteral("checkpoint")).toString();
        const QString arch = params.value(QStringLiteral("architecture")).toString();
        if (path.isEmpty())
            throw sdk::PluginError(QStringLiteral("model = custom needs a checkpoint file"));
        const QString key = arch + QLatin1Char('|') + QFileInfo(path).absoluteFilePath();
        if (key != customKey) {
            const UNetConfig config = arch == QLatin1String("tfc_tdf17")       ? UNetConfig::tfcTdf17()
                                      : arch == QLatin1String("tfc_tdf_small") ? TfcTdfTrainSettings::smallModel()
                                                                              : UNetConfig::tdc17();
            try {
                custom = loadNetwork(path.toStdString(), config);
            } catch (const std::exception &e) {
                throw sdk::PluginError(QString::fromStdString(e.what()));
            }
            customKey = key;
        }
        return custom;
    }
};

TfcTdfPlugin::TfcTdfPlugin() : m_impl(std::make_unique<Impl>()) {}

TfcTdfPlugin::~TfcTdfPlugin() = default;

void TfcTdfPlugin::initialise(const QString &modelFolder)
{
    toolkit::applyTorchThreadSettings();
    m_impl->modelFolder = modelFolder;
    const QString path = QDir(modelFolder).filePath(QLatin1String(kShippedWeights));
    try {
        m_impl->shipped = loadNetwork(path.toStdString(), UNetConfig::tdc17());
    } catch (const std::exception &e) {
        throw sdk::PluginError(QStringLiteral("cannot load the TDC-17 vocals weights: %1")
                                   .arg(QString::fromStdString(e.what())));
    }
}

sdk::ValueMap TfcTdfPlugin::run(const QString &method, const sdk::ValueMap &inputs,
                                const QVariantMap &params, sdk::JobContext &ctx)
{
    if (method == QLatin1String("train"))
        return {{QStringLiteral("loss"), trainFromStemFolder(params, ctx)}};
    if (method != QLatin1String("separate"))
        throw sdk::PluginError(QStringLiteral("unknown method \"%1\"").arg(method));
    const auto found = inputs.constFind(QStringLiteral("mix"));
    const auto *mix = found == inputs.cend() ? nullptr : std::get_if<sdk::AudioBuffer>(&found.value());
    if (!mix)
        throw sdk::PluginError(QStringLiteral("the input \"mix\" must be audio"));
    const torch::Tensor input = modelInput(*mix, kModelRate);
    const ChosenNetwork chosen = m_impl->network(params);
    ChunkedSeparator separator(chosen.net, ChunkScheme::paper(chosen.net->config()));
    const int batch = std::max(1, params.value(QStringLiteral("batch_chunks"), 1).toInt());

    QElapsedTimer sincePartial;
    sincePartial.start();
    auto checkpoint = [&ctx] {
        if (ctx.isCancelled())
            throw sdk::Cancelled();
    };
    auto progress = [&](int64_t done, int64_t total, int64_t ready, const torch::Tensor &partial) {
        ctx.setProgress(double(done) / double(total), QStringLiteral("chunk %1/%2").arg(done).arg(total));
        // Partial stems at the mix's own rate only (a partial resample would cost a full pass).
        const bool nativeRate = std::lround(mix->sampleRate) == std::lround(kModelRate);
        if (nativeRate && done < total && sincePartial.elapsed() >= kPartialIntervalMs) {
            ctx.publishPartial(QStringLiteral("stems"),
                               stems(chosen, *mix, toAudioBuffer(partial, kModelRate, kModelRate, mix->frameCount())),
                               ready);
            sincePartial.restart();
        }
    };
    ctx.log(QStringLiteral("separating %1 s in %2 chunks")
                .arg(double(input.size(1)) / kModelRate, 0, 'f', 1)
                .arg(separator.scheme().chunkCount(input.size(1))));
    const torch::Tensor estimate = separator.separate(input, batch, checkpoint, progress);
    sdk::ValueMap out;
    out.insert(QStringLiteral("stems"),
               stems(chosen, *mix, toAudioBuffer(estimate, kModelRate, mix->sampleRate, mix->frameCount())));
    return out;
}

} // namespace mirstudio::tfctdf
