// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"

#include <QObject>
#include <map>
#include <memory>

namespace mirstudio::dmelodies {

class VaeModel;

/**
 * The dMelodies plugin: "generate" renders the dataset melody of 9 factor values (or samples
 * the prior of a loaded VAE), "encode" maps a 2-bar melody to the posterior mean of a benchmark
 * VAE (LatentSet named z0..z31; the 9 factors as attributes when the melody is a dMelodies one),
 * "decode" maps latent codes (LatentSet or Matrix, one melody per row) to notes, "train" trains a
 * VAE (β / annealed / factor objective) and writes <out>/<model>.pt.
 *
 * Owns the loaded models (rnn.pt / cnn.pt of the model folder; either may be absent). Threading
 * as IModelPlugin: initialise() once, then run() on a host worker, one call at a time.
 */
class DMelodiesPlugin : public QObject, public sdk::IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    DMelodiesPlugin();
    ~DMelodiesPlugin() override;

    void initialise(const QString &modelFolder) override;
    sdk::ValueMap run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                      sdk::JobContext &ctx) override;

    /** Names of the loaded models ("cnn", "rnn"). */
    QStringList loadedModels() const;

private:
    VaeModel &model(const QVariantMap &params);
    sdk::ValueMap encode(const sdk::ValueMap &inputs, const QVariantMap &params);
    sdk::ValueMap decode(const sdk::ValueMap &inputs, const QVariantMap &params);
    sdk::ValueMap generate(const QVariantMap &params);
    sdk::ValueMap train(const QVariantMap &params, sdk::JobContext &ctx);

    std::map<QString, std::unique_ptr<VaeModel>> m_models;
};

} // namespace mirstudio::dmelodies
