// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"

#include <QObject>

#include <memory>

namespace mirstudio::torchscript {

class ScriptedModel;

/**
 * The generic TorchScript plugin: bring-your-own model with nn~'s method convention.
 * "forward" (audio → audio), "encode" (audio → latent), "decode" (latent → audio) call the
 * scripted method named by the `method` parameter in chunks (ScriptedModel::run), polling
 * cancel between chunks; "describe" lists the model's methods and ratios as a matrix.
 *
 * The model file is a File parameter; the last loaded model is kept while its path and
 * modification time stay the same. Owns that model. Threading as IModelPlugin: run() on a host
 * worker, one call at a time.
 */
class TorchScriptPlugin : public QObject, public sdk::IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    TorchScriptPlugin();
    ~TorchScriptPlugin() override;

    void initialise(const QString &modelFolder) override;
    sdk::ValueMap run(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params,
                      sdk::JobContext &ctx) override;

private:
    const ScriptedModel &model(const QString &path);

    std::unique_ptr<ScriptedModel> m_model;
    qint64 m_modelStamp = 0;
};

} // namespace mirstudio::torchscript
