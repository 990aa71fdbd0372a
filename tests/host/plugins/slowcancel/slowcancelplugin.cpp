// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "slowcancel" (see manifest.json).
#include "tests/host/plugins/fixtureplugin.h"

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Fixture plugin "slowcancel": works in 10 ms steps for "seconds", honouring cancel at every step. Any thread. */
class SlowCancelPlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    ValueMap run(const QString &method, const ValueMap &, const QVariantMap &params, JobContext &ctx) override
    {
        const int steps = int(params.value(QStringLiteral("seconds")).toDouble() * 100);
        for (int i = 0; i < steps; ++i) {
            if (ctx.isCancelled())
                throw Cancelled();
            ctx.setProgress(double(i) / steps, QStringLiteral("step %1/%2").arg(i).arg(steps));
            if (i == 1)
                ctx.publishPartial(QStringLiteral("audio"), silentSecond(), 0);
            QThread::msleep(10);
        }
        return {{QStringLiteral("audio"), silentSecond()}};
    }
};

} // namespace mirstudio_fixture

#include "slowcancelplugin.moc"
