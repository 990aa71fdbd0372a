// SPDX-License-Identifier: GPL-3.0-or-later
// The minimal example plugin quoted by docs/plugin-sdk.md.
#include "plugins/sdk/imodelplugin.h"
#include "plugins/sdk/pluginerror.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace mirstudio_example {

using namespace mirstudio::sdk;

/**
 * Scales audio by a gain in dB, a few thousand samples at a time so that it can honour cancel
 * and report progress the way a real model's chunked inference does. No weights. Constructed by
 * the host on any thread; run() on a host worker, one call at a time.
 */
class GainPlugin : public QObject, public IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)

public:
    void initialise(const QString &modelFolder) override
    {
        // A model plugin would load its weights from modelFolder here (and throw PluginError
        // if they do not fit); torch thread settings also belong here.
        Q_UNUSED(modelFolder);
    }

    ValueMap run(const QString &method, const ValueMap &inputs, const QVariantMap &params,
                 JobContext &ctx) override
    {
        if (method != QLatin1String("gain"))
            throw PluginError(QStringLiteral("unknown method \"%1\"").arg(method));
        // The host has checked the input's kind and resolved every parameter against the manifest.
        AudioBuffer audio = std::get<AudioBuffer>(inputs.value(QStringLiteral("audio")));
        const float factor = float(std::pow(10.0, params.value(QStringLiteral("gain")).toDouble() / 20.0));
        constexpr int64_t chunk = 65536;
        const int64_t frames = audio.frameCount();
        for (int64_t start = 0; start < frames; start += chunk) {
            if (ctx.isCancelled())
                throw Cancelled();
            const int64_t end = std::min(frames, start + chunk);
            for (auto &channel : audio.channels)
                for (int64_t i = start; i < end; ++i)
                    channel[size_t(i)] *= factor;
            ctx.setProgress(double(end) / double(frames), QStringLiteral("%1 of %2 frames").arg(end).arg(frames));
        }
        return {{QStringLiteral("audio"), audio}};
    }
};

} // namespace mirstudio_example

#include "gainplugin.moc"
