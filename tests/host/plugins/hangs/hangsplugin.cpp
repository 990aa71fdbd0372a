// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "hangs" (see manifest.json).
#include "tests/host/plugins/fixtureplugin.h"

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Fixture plugin "hangs": sleeps for "seconds" in 50 ms chunks without looking at cancel. Any thread. */
class HangsPlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    ValueMap run(const QString &method, const ValueMap &, const QVariantMap &params, JobContext &ctx) override
    {
        ctx.setProgress(0.01, QStringLiteral("sleeping"));
        const int chunks = int(params.value(QStringLiteral("seconds")).toDouble() * 20);
        for (int i = 0; i < chunks; ++i)
            QThread::msleep(50);
        return {{QStringLiteral("audio"), silentSecond()}};
    }
};

} // namespace mirstudio_fixture

#include "hangsplugin.moc"
