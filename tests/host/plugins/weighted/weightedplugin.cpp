// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "weighted" (see manifest.json): needs w.bin, checked by the host's model registry.
#include "tests/host/plugins/fixtureplugin.h"

#include <QDir>
#include <QFile>

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Fixture plugin "weighted": reads its weight file in initialise(); its method reports the model folder. Any thread. */
class WeightedPlugin : public QObject, public IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    void initialise(const QString &modelFolder) override
    {
        QFile f(QDir(modelFolder).filePath(QStringLiteral("w.bin")));
        if (!f.open(QIODevice::ReadOnly) || f.readAll() != "abcd")
            throw PluginError(QStringLiteral("w.bin is not the expected weight file"));
    }

    ValueMap run(const QString &, const ValueMap &, const QVariantMap &, JobContext &ctx) override
    {
        AnnotationSet where;
        where.kind = QStringLiteral("model folder");
        where.items.push_back({0.0, 0.0, ctx.modelFolder(), 0.0, false});
        return {{QStringLiteral("where"), where}};
    }
};

} // namespace mirstudio_fixture

#include "weightedplugin.moc"
