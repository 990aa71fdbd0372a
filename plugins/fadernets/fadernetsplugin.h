// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"

#include <QObject>
#include <memory>

namespace mirstudio::fadernets {

class FaderCodec;

/**
 * The Music FaderNets plugin (GM-VAE). "encode": notes → one latent code per 4-beat segment
 * ([z_r, z_n, key], rhythm_density / note_density attributes, dimension names); "decode":
 * codes → notes; "transform": notes → notes with the rhythm / note density faders (the
 * regularised dimensions) shifted and an optional GM-VAE preset; "train": a small model on a
 * MIDI folder (GmvaeTrainer), written as <out>/fadernets.pt.
 *
 * Owns the loaded model. Threading as IModelPlugin: initialise() once, then run() on a host
 * worker, one call at a time; cancel is polled between segments and training steps.
 */
class FaderNetsPlugin : public QObject, public sdk::IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    FaderNetsPlugin();
    ~FaderNetsPlugin() override;

    void initialise(const QString &modelFolder) override;
    sdk::ValueMap run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                      sdk::JobContext &ctx) override;

private:
    FaderCodec &codec();
    sdk::ValueMap encode(const sdk::ValueMap &inputs, sdk::JobContext &ctx);
    sdk::ValueMap decode(const sdk::ValueMap &inputs, const QVariantMap &params, sdk::JobContext &ctx);
    sdk::ValueMap transform(const sdk::ValueMap &inputs, const QVariantMap &params, sdk::JobContext &ctx);
    sdk::ValueMap train(const QVariantMap &params, sdk::JobContext &ctx);

    std::unique_ptr<FaderCodec> m_codec;
};

} // namespace mirstudio::fadernets
