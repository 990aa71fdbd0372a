// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"
#include "plugins/sdk/valuetypes.h"

#include <QString>
#include <QVariantMap>
#include <QtPlugin>

namespace mirstudio::sdk {

/**
 * The interface every model plugin implements (a Qt plugin with
 * `Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")`).
 *
 * Lifecycle, driven by the host: construct (cheap, any thread) → initialise() once on a host
 * worker (load weights; may take seconds) → run() any number of times, one call at a time per
 * plugin instance, on a host worker thread, never the audio thread. A plugin contributes no
 * widgets; its manifest declares methods, parameters and typed outputs.
 *
 * Errors: throw PluginError with a message for the user; throw Cancelled (or return early) when
 * ctx.isCancelled(). Any exception is contained by the host.
 */
class IModelPlugin
{
public:
    virtual ~IModelPlugin() = default;

    /**
     * Loads weights and builds models. `modelFolder` is where the manifest's weight files are
     * (already checked for size and sha256 by the host). Throws PluginError on failure.
     */
    virtual void initialise(const QString &modelFolder) = 0;

    /**
     * Runs one method. `inputs` are keyed by the manifest's input ids and already checked for
     * kind; `params` are complete and normalised (resolveParameters). Returns outputs keyed by
     * the manifest's output ids.
     */
    virtual ValueMap run(const QString &method, const ValueMap &inputs, const QVariantMap &params,
                         JobContext &ctx) = 0;
};

} // namespace mirstudio::sdk

#define MIRSTUDIO_PLUGIN_IID "org.mirstudio.IModelPlugin/1"
Q_DECLARE_INTERFACE(mirstudio::sdk::IModelPlugin, MIRSTUDIO_PLUGIN_IID)
