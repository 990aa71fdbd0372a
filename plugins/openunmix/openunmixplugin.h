// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"

#include <QObject>

#include <memory>
#include <vector>

namespace mirstudio::openunmix {

struct TargetModel;

/**
 * The Open-Unmix plugin. "separate": mix (any rate, mono or stereo) → stems of the loaded
 * targets, chunked with crossfades (memory flat in the input length), resampled to 44.1 kHz and
 * back, partial stem sets published per chunk, cancel polled between model stages.
 * "train": trains small per-target models on a stem folder (UmxTrainer) and writes them.
 *
 * Owns the loaded target models. Threading as IModelPlugin: initialise() once, then run() on a
 * host worker, one call at a time.
 */
class OpenUnmixPlugin : public QObject, public sdk::IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    OpenUnmixPlugin();
    ~OpenUnmixPlugin() override;

    void initialise(const QString &modelFolder) override;
    sdk::ValueMap run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                      sdk::JobContext &ctx) override;

    /** Names of the default model's targets, in output order. */
    QStringList targets() const;

private:
    sdk::ValueMap separate(const sdk::ValueMap &inputs, const QVariantMap &params, sdk::JobContext &ctx);
    sdk::ValueMap train(const QVariantMap &params, sdk::JobContext &ctx);

    /** The models a separate call asked for ("model" parameter): the default or "rendered". */
    const std::vector<TargetModel> &modelsFor(const QVariantMap &params) const;

    std::vector<TargetModel> m_models;   ///< the model folder's own weights (Bach10 quartet)
    std::vector<TargetModel> m_rendered; ///< <model folder>/rendered: vocals/drums/bass/other
};

} // namespace mirstudio::openunmix
