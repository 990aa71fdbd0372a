// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"

#include <QObject>

#include <memory>

namespace mirstudio::tfctdf {

/**
 * The "tfctdf" model plugin: singing-voice separation with the U-Net of Choi et al. (ISMIR 2020).
 * Method "separate": input "mix" (any rate, mono or stereo) → output "stems" with "vocals" (the
 * network's estimate) and "accompaniment" (mix - vocals), at the mix's rate and length.
 * initialise() loads the shipped official TDC-17 vocals weights; model = rendered_bass /
 * rendered_drums use the project's small models (stems <target> + "rest"); model = custom loads
 * a user checkpoint (paper-era or maintained layout) of the TDC-17, TFC-TDF-17 or small
 * architecture. Method "train" trains a small model on a stems folder (trainFromStemFolder()).
 *
 * Owns its networks (torch, behind a private implementation). The host calls initialise() once
 * and run() one call at a time, both on a worker thread; never on the audio thread.
 */
class TfcTdfPlugin : public QObject, public sdk::IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    TfcTdfPlugin();
    ~TfcTdfPlugin() override;

    void initialise(const QString &modelFolder) override;
    sdk::ValueMap run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                      sdk::JobContext &ctx) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mirstudio::tfctdf
