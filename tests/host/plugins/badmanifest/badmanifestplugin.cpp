// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "badmanifest" (see manifest.json).
#include "tests/host/plugins/fixtureplugin.h"

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Fixture plugin "badmanifest": its manifest has several errors, so the host must refuse it. Any thread. */
class BadManifestPlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    ValueMap run(const QString &method, const ValueMap &, const QVariantMap &params, JobContext &ctx) override
    {
        return {};
    }
};

} // namespace mirstudio_fixture

#include "badmanifestplugin.moc"
