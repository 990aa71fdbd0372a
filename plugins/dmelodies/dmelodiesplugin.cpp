// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/dmelodiesplugin.h"

#include "plugins/dmelodies/melodytokens.h"
#include "plugins/dmelodies/vaemodel.h"
#include "plugins/dmelodies/vaetraining.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/threads.h"

#include <QDir>
#include <QFile>

namespace mirstudio::dmelodies {

namespace {

// Concatenates 2-bar melodies one after another into one sequence.
sdk::NoteSequence concatenate(const torch::Tensor &tokens)
{
    sdk::NoteSequence all;
    for (int64_t n = 0; n < tokens.size(0); ++n) {
        const auto seq = MelodyTokens::notes(tokens[n]);
        for (auto note : seq.notes) {
            note.start += all.duration;
            all.notes.push_back(note);
        }
        all.duration += seq.duration;
        all.bpm = seq.bpm;
        all.ticksPerQuarter = seq.ticksPerQuarter;
    }
    return all;
}

torch::Tensor codesOf(const sdk::Matrix &m)
{
    if (m.rows < 1 || m.cols < 1 || m.data.size() != size_t(m.rows) * size_t(m.cols))
        throw sdk::PluginError(QStringLiteral("decode: the latent codes are empty or malformed"));
    return torch::from_blob(const_cast<float *>(m.data.data()), {m.rows, m.cols}, torch::kFloat).clone();
}

} // namespace

DMelodiesPlugin::DMelodiesPlugin() = default;
DMelodiesPlugin::~DMelodiesPlugin() = default;

void DMelodiesPlugin::initialise(const QString &modelFolder)
{
    toolkit::applyTorchThreadSettings();
    for (const QString name : {QStringLiteral("cnn"), QStringLiteral("rnn")}) {
        const QString path = QDir(modelFolder).filePath(name + QStringLiteral(".pt"));
        if (!QFile::exists(path))
            continue;
        auto m = std::make_unique<VaeModel>(VaeModel::kindFromName(name));
        try {
            m->loadWeights(path);
        } catch (const std::exception &e) {
            throw sdk::PluginError(QStringLiteral("dMelodies weights %1: %2").arg(path, QString::fromUtf8(e.what())));
        }
        m->module().eval();
        m_models[name] = std::move(m);
    }
}

QStringList DMelodiesPlugin::loadedModels() const
{
    QStringList names;
    for (const auto &kv : m_models)
        names << kv.first;
    return names;
}

VaeModel &DMelodiesPlugin::model(const QVariantMap &params)
{
    const QString name = params.value(QStringLiteral("model"), QStringLiteral("cnn")).toString();
    const auto it = m_models.find(name);
    if (it == m_models.end())
        throw sdk::PluginError(QStringLiteral("no %1 weights loaded (%1.pt missing from the model folder; "
                                              "run the train method)").arg(name));
    return *it->second;
}

sdk::ValueMap DMelodiesPlugin::run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                                   sdk::JobContext &ctx)
{
    try {
        if (method == QLatin1String("encode"))
            return encode(inputs, params);
        if (method == QLatin1String("decode"))
            return decode(inputs, params);
        if (method == QLatin1String("generate"))
            return generate(params);
        if (method == QLatin1String("train"))
            return train(params, ctx);
    } catch (const sdk::PluginError &) {
        throw;
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromUtf8(e.what()));
    }
    throw sdk::PluginError(QStringLiteral("unknown method %1").arg(method));
}

sdk::ValueMap DMelodiesPlugin::encode(const sdk::ValueMap &inputs, const QVariantMap &params)
{
    const sdk::Value input = inputs.value(QStringLiteral("notes"));
    const auto *notes = std::get_if<sdk::NoteSequence>(&input);
    if (!notes)
        throw sdk::PluginError(QStringLiteral("encode needs notes"));
    torch::NoGradGuard guard;
    const auto tokens = MelodyTokens::fromNotes(*notes).unsqueeze(0);
    const auto mean = model(params).encode(tokens).mean.contiguous();
    sdk::LatentSet out;
    out.codes.rows = 1;
    out.codes.cols = int(mean.size(1));
    out.codes.data.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    for (int d = 0; d < out.codes.cols; ++d)
        out.dimensionNames << QStringLiteral("z%1").arg(d);
    MelodyTicks ticks;
    for (int t = 0; t < kSequenceLength; ++t) {
        const int64_t v = tokens[0][t].item<int64_t>();
        ticks[size_t(t)] = v == MelodyTokens::kRestToken ? kRest : int(v - 2 + MelodyTokens::kLowestPitch);
    }
    if (const auto factors = MelodyGenerator::factorsOf(ticks)) {
        const QStringList names = DMelodiesFactors::names();
        for (int k = 0; k < kFactorCount; ++k)
            out.attributes[names[k]] = {double(factors->values[size_t(k)])};
    }
    return {{QStringLiteral("latent"), out}};
}

sdk::ValueMap DMelodiesPlugin::decode(const sdk::ValueMap &inputs, const QVariantMap &params)
{
    torch::Tensor z;
    const sdk::Value latentInput = inputs.value(QStringLiteral("latent"));
    const sdk::Value codesInput = inputs.value(QStringLiteral("codes"));
    if (const auto *latent = std::get_if<sdk::LatentSet>(&latentInput))
        z = codesOf(latent->codes);
    else if (const auto *codes = std::get_if<sdk::Matrix>(&codesInput))
        z = codesOf(*codes);
    else
        throw sdk::PluginError(QStringLiteral("decode needs latent codes (a latent set or a matrix)"));
    VaeModel &m = model(params);
    if (z.size(1) != m.latentSize())
        throw sdk::PluginError(QStringLiteral("decode: codes have %1 dimensions, the model %2")
                                   .arg(z.size(1)).arg(m.latentSize()));
    torch::NoGradGuard guard;
    const double temperature = params.value(QStringLiteral("temperature"), 0.0).toDouble();
    return {{QStringLiteral("notes"), concatenate(m.decode(z, temperature).argmax(-1))}};
}

sdk::ValueMap DMelodiesPlugin::generate(const QVariantMap &params)
{
    if (params.value(QStringLiteral("source"), QStringLiteral("factors")).toString() == QLatin1String("factors")) {
        DMelodiesFactors f;
        const QStringList names = DMelodiesFactors::names();
        for (int k = 0; k < kFactorCount; ++k)
            f.values[size_t(k)] = params.value(names[k], 0).toInt();
        if (!f.isValid())
            throw sdk::PluginError(QStringLiteral("generate: a factor value is out of range"));
        return {{QStringLiteral("notes"), concatenate(MelodyTokens::tokens(MelodyGenerator::melody(f)).unsqueeze(0))}};
    }
    VaeModel &m = model(params);
    torch::NoGradGuard guard;
    torch::manual_seed(uint64_t(params.value(QStringLiteral("seed"), 0).toLongLong()));
    const int count = params.value(QStringLiteral("variations"), 1).toInt();
    const double temperature = params.value(QStringLiteral("temperature"), 1.0).toDouble();
    const auto z = torch::randn({count, m.latentSize()}) * temperature;
    return {{QStringLiteral("notes"), concatenate(m.decode(z).argmax(-1))}};
}

sdk::ValueMap DMelodiesPlugin::train(const QVariantMap &params, sdk::JobContext &ctx)
{
    const QString out = params.value(QStringLiteral("out")).toString();
    if (out.isEmpty())
        throw sdk::PluginError(QStringLiteral("train: set the output folder (out)"));
    const QString name = params.value(QStringLiteral("model"), QStringLiteral("cnn")).toString();
    const auto seed = params.value(QStringLiteral("seed"), 0).toLongLong();
    torch::manual_seed(uint64_t(seed)); // the initial weights
    VaeModel m(VaeModel::kindFromName(name));
    VaeTrainingConfig config;
    config.objective = VaeObjective::defaults(VaeObjective::kindFromName(params.value(QStringLiteral("objective"),
                                                                                      QStringLiteral("beta")).toString()));
    config.steps = params.value(QStringLiteral("steps"), 2000).toLongLong();
    config.objective.annealSteps = std::max<int64_t>(1, config.steps / 2);
    config.batch = params.value(QStringLiteral("batch"), 64).toLongLong();
    config.seed = uint64_t(seed);
    const auto result = VaeTraining::run(m, config, &ctx);
    if (result.cancelled)
        throw sdk::Cancelled();
    QDir().mkpath(out);
    m.saveWeights(QDir(out).filePath(name + QStringLiteral(".pt")));
    ctx.log(QStringLiteral("loss %1 -> %2").arg(result.firstLoss).arg(result.lastLoss));
    sdk::Matrix loss;
    loss.cols = 2;
    loss.colLabels = {QStringLiteral("step"), QStringLiteral("loss")};
    for (const auto &p : result.curve) {
        loss.data.push_back(float(p.step));
        loss.data.push_back(float(p.value));
        ++loss.rows;
    }
    return {{QStringLiteral("loss"), loss}};
}

} // namespace mirstudio::dmelodies
