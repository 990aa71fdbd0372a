// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/trainmethod.h"

#include "plugins/sdk/pluginerror.h"
#include "plugins/tfctdf/networkfile.h"
#include "plugins/tfctdf/stemclip.h"
#include "plugins/tfctdf/tfctdftrainer.h"

#include <QDir>

namespace mirstudio::tfctdf {

namespace {

QStringList songsOf(const QVariantMap &params, const QString &data)
{
    QStringList songs = params.value(QStringLiteral("songs")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &s : songs)
        s = s.trimmed();
    if (songs.isEmpty()) {
        for (const QString &s : stemSongNames(data))
            songs << s;
    }
    if (songs.isEmpty())
        throw sdk::PluginError(QStringLiteral("no song folder (with mixture.wav) in %1").arg(data));
    return songs;
}

} // namespace

sdk::Matrix trainFromStemFolder(const QVariantMap &params, sdk::JobContext &ctx)
{
    const QString data = params.value(QStringLiteral("data")).toString();
    const QString out = params.value(QStringLiteral("out")).toString();
    const QString target = params.value(QStringLiteral("target"), QStringLiteral("bass")).toString();
    if (data.isEmpty() || out.isEmpty() || target.isEmpty())
        throw sdk::PluginError(QStringLiteral("train needs a stem folder (data), an output folder (out) and a target"));
    TfcTdfTrainSettings settings;
    settings.steps = params.value(QStringLiteral("steps"), 1000).toLongLong();
    settings.batchSize = params.value(QStringLiteral("batch"), settings.batchSize).toInt();
    settings.seed = uint64_t(params.value(QStringLiteral("seed"), 42).toLongLong());
    settings.learningRate = params.value(QStringLiteral("lr"), settings.learningRate).toDouble();
    if (settings.steps < 1 || settings.batchSize < 1)
        throw sdk::PluginError(QStringLiteral("steps and batch must be at least 1"));

    sdk::Matrix loss;
    loss.cols = 1;
    loss.colLabels << target;
    try {
        TfcTdfTrainer trainer(settings);
        for (const QString &song : songsOf(params, data))
            trainer.addClip(readStemClip(QDir(data).filePath(song), target));
        const UNet net = trainer.train(&ctx, [&](int64_t step, double value) {
            loss.data.push_back(float(value));
            ctx.setProgress(double(step + 1) / double(settings.steps),
                            QStringLiteral("step %1/%2").arg(step + 1).arg(settings.steps));
        });
        if (ctx.isCancelled())
            throw sdk::Cancelled();
        if (!QDir().mkpath(out))
            throw sdk::PluginError(QStringLiteral("cannot create %1").arg(out));
        saveNetwork(*net, QDir(out).filePath(target + QStringLiteral(".pt")).toStdString());
    } catch (const sdk::Cancelled &) {
        throw;
    } catch (const sdk::PluginError &) {
        throw;
    } catch (const std::exception &e) {
        throw sdk::PluginError(QString::fromStdString(e.what()));
    }
    loss.rows = int(loss.data.size());
    ctx.log(QStringLiteral("wrote %1/%2.pt after %3 steps").arg(out, target).arg(loss.rows));
    return loss;
}

} // namespace mirstudio::tfctdf
