// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/fadernetsplugin.h"

#include "plugins/fadernets/fadercodec.h"
#include "plugins/fadernets/gmvaetrainer.h"
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/sdk/pluginerror.h"

#include <QDir>

namespace mirstudio::fadernets {

namespace {

const QString kWeightsFile = QStringLiteral("fadernets.pt");

sdk::NoteSequence notesInput(const sdk::ValueMap &inputs)
{
    const auto value = inputs.value(QStringLiteral("notes"));
    const auto *notes = std::get_if<sdk::NoteSequence>(&value);
    if (!notes || notes->notes.empty())
        throw sdk::PluginError(QStringLiteral("FaderNets needs notes"));
    return *notes;
}

void pollCancel(sdk::JobContext &ctx)
{
    if (ctx.isCancelled())
        throw sdk::Cancelled();
}

torch::Tensor tensorOf(const sdk::Matrix &m)
{
    return torch::from_blob(const_cast<float *>(m.data.data()), {m.rows, m.cols}, torch::kFloat32).clone();
}

sdk::Matrix matrixOf(const torch::Tensor &t)
{
    const auto c = t.to(torch::kFloat32).contiguous();
    sdk::Matrix m;
    m.rows = int(c.size(0));
    m.cols = int(c.size(1));
    m.data.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

} // namespace

FaderNetsPlugin::FaderNetsPlugin() = default;
FaderNetsPlugin::~FaderNetsPlugin() = default;

void FaderNetsPlugin::initialise(const QString &modelFolder)
{
    try {
        m_codec = std::make_unique<FaderCodec>(loadGmvae(QDir(modelFolder).filePath(kWeightsFile)));
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromStdString(e.what()));
    }
}

FaderCodec &FaderNetsPlugin::codec()
{
    if (!m_codec)
        throw sdk::PluginError(QStringLiteral("no FaderNets model is loaded"));
    return *m_codec;
}

sdk::ValueMap FaderNetsPlugin::run(const QString &method, const sdk::ValueMap &inputs,
                                   const QVariantMap &params, sdk::JobContext &ctx)
{
    torch::NoGradGuard guard;
    if (method == QLatin1String("encode"))
        return encode(inputs, ctx);
    if (method == QLatin1String("decode"))
        return decode(inputs, params, ctx);
    if (method == QLatin1String("transform"))
        return transform(inputs, params, ctx);
    if (method == QLatin1String("train")) {
        torch::AutoGradMode enable(true);
        return train(params, ctx);
    }
    throw sdk::PluginError(QStringLiteral("fadernets has no method \"%1\"").arg(method));
}

sdk::ValueMap FaderNetsPlugin::encode(const sdk::ValueMap &inputs, sdk::JobContext &ctx)
{
    const auto segments = SegmentCutter::cut(notesInput(inputs), true);
    pollCancel(ctx);
    sdk::LatentSet set;
    set.codes = matrixOf(codec().encode(segments));
    set.dimensionNames = codec().dimensionNames();
    set.codes.colLabels = set.dimensionNames;
    auto &rd = set.attributes[QStringLiteral("rhythm_density")];
    auto &nd = set.attributes[QStringLiteral("note_density")];
    for (const auto &s : segments) {
        rd.push_back(s.attributes.rhythmDensity);
        nd.push_back(s.attributes.noteDensityMean);
    }
    ctx.setProgress(1.0);
    return {{QStringLiteral("latent"), set}};
}

sdk::ValueMap FaderNetsPlugin::decode(const sdk::ValueMap &inputs, const QVariantMap &params,
                                      sdk::JobContext &ctx)
{
    const auto value = inputs.value(QStringLiteral("latent"));
    const auto *latent = std::get_if<sdk::LatentSet>(&value);
    if (!latent || latent->codes.rows == 0)
        throw sdk::PluginError(QStringLiteral("FaderNets decode needs latent codes"));
    if (latent->codes.cols != 2 * codec().zDims() + 24)
        throw sdk::PluginError(QStringLiteral("the codes have %1 columns; this model takes %2")
                                   .arg(latent->codes.cols).arg(2 * codec().zDims() + 24));
    pollCancel(ctx);
    const double bpm = params.value(QStringLiteral("bpm"), 120.0).toDouble();
    auto notes = codec().decodeNotes(tensorOf(latent->codes), bpm);
    ctx.setProgress(1.0);
    return {{QStringLiteral("notes"), notes}};
}

sdk::ValueMap FaderNetsPlugin::transform(const sdk::ValueMap &inputs, const QVariantMap &params,
                                         sdk::JobContext &ctx)
{
    const auto input = notesInput(inputs);
    const auto segments = SegmentCutter::cut(input, true);
    auto codes = codec().encode(segments);
    const int preset = params.value(QStringLiteral("preset"), -1).toInt();
    if (preset >= 0)
        codes = codec().withPreset(codes, preset);
    const double rhythm = params.value(QStringLiteral("rhythm_density"), 0.0).toDouble();
    const double note = params.value(QStringLiteral("note_density"), 0.0).toDouble();
    codes.select(1, codec().column(Fader::RhythmDensity)).add_(rhythm);
    codes.select(1, codec().column(Fader::NoteDensity)).add_(note);
    sdk::NoteSequence out;
    out.bpm = input.bpm;
    for (int64_t i = 0; i < codes.size(0); ++i) {
        pollCancel(ctx);
        auto part = codec().decodeNotes(codes.narrow(0, i, 1), input.bpm);
        const double offset = double(i) * SegmentCutter::segmentSeconds(input.bpm);
        for (auto n : part.notes) {
            n.start += offset;
            out.notes.push_back(n);
        }
        ctx.setProgress(double(i + 1) / double(codes.size(0)));
    }
    out.duration = double(codes.size(0)) * SegmentCutter::segmentSeconds(input.bpm);
    return {{QStringLiteral("notes"), out}};
}

sdk::ValueMap FaderNetsPlugin::train(const QVariantMap &params, sdk::JobContext &ctx)
{
    const QString data = params.value(QStringLiteral("data")).toString();
    const QString outDir = params.value(QStringLiteral("out")).toString();
    if (data.isEmpty() || outDir.isEmpty())
        throw sdk::PluginError(QStringLiteral("train needs a MIDI folder (data) and an output folder (out)"));
    GmvaeTrainConfig config;
    config.steps = params.value(QStringLiteral("steps"), config.steps).toInt();
    config.seed = params.value(QStringLiteral("seed"), 0).toULongLong();
    config.model.hiddenDims = params.value(QStringLiteral("hidden"), config.model.hiddenDims).toInt();
    config.model.zDims = params.value(QStringLiteral("z"), config.model.zDims).toInt();
    config.batch = params.value(QStringLiteral("batch"), config.batch).toInt();
    std::vector<double> losses;
    try {
        const auto segments = GmvaeTrainer::loadSegments(data, false);
        ctx.log(QStringLiteral("%1 training segments").arg(segments.size()));
        GmvaeTrainer trainer(config);
        const auto model = trainer.train(segments, [&](int step, double loss) {
            pollCancel(ctx);
            losses.push_back(loss);
            ctx.setProgress(double(step) / config.steps, QStringLiteral("step %1").arg(step));
            return true;
        });
        QDir().mkpath(outDir);
        saveGmvaeWeights(*model, QDir(outDir).filePath(kWeightsFile));
    } catch (const sdk::Cancelled &) {
        throw;
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromStdString(e.what()));
    }
    sdk::Matrix loss;
    loss.rows = 1;
    loss.cols = int(losses.size());
    loss.data.assign(losses.begin(), losses.end());
    return {{QStringLiteral("loss"), loss}};
}

} // namespace mirstudio::fadernets
