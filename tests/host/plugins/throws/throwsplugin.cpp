// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "throws" (see manifest.json).
#include "tests/host/plugins/fixtureplugin.h"

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Fixture plugin "throws": each method throws another kind of exception. Any thread. */
class ThrowsPlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    ValueMap run(const QString &method, const ValueMap &, const QVariantMap &params, JobContext &ctx) override
    {
        ctx.log(QStringLiteral("about to throw"));
        if (method == QLatin1String("std"))
            throw std::runtime_error("std failure from the throws fixture");
        if (method == QLatin1String("plugin"))
            throw PluginError(QStringLiteral("input is mono; this model needs stereo"));
        throw 42;
    }
};

} // namespace mirstudio_fixture

#include "throwsplugin.moc"
