// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture: returns what it is given (see manifest.json).
#include "plugins/sdk/imodelplugin.h"
#include "plugins/sdk/pluginerror.h"

#include <QDir>
#include <QFile>
#include <QObject>

#include <algorithm>
#include <cmath>

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/** Echo fixture plugin: every method copies or lightly transforms its input. Any thread. */
class EchoPlugin : public QObject, public IModelPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    void initialise(const QString &) override {}

    ValueMap run(const QString &method, const ValueMap &in, const QVariantMap &p, JobContext &ctx) override
    {
        ctx.setProgress(0.5, QStringLiteral("echoing"));
        if (method == QLatin1String("notes"))
            return {{QStringLiteral("notes"), notes(std::get<NoteSequence>(in.value(QStringLiteral("notes"))), p)}};
        if (method == QLatin1String("audio"))
            return {{QStringLiteral("audio"), gained(std::get<AudioBuffer>(in.value(QStringLiteral("audio"))), p.value(QStringLiteral("gain")).toDouble())}};
        if (method == QLatin1String("stems")) {
            const AudioBuffer mix = std::get<AudioBuffer>(in.value(QStringLiteral("mix")));
            StemSet s;
            s.order = {QStringLiteral("copy"), QStringLiteral("half")};
            s.stems.insert(QStringLiteral("copy"), mix);
            s.stems.insert(QStringLiteral("half"), gained(mix, 20.0 * std::log10(0.5)));
            return {{QStringLiteral("stems"), s}};
        }
        if (method == QLatin1String("annotate"))
            return {{QStringLiteral("marks"), marks(std::get<AudioBuffer>(in.value(QStringLiteral("audio"))))}};
        if (method == QLatin1String("encode"))
            return {{QStringLiteral("codes"), codes(std::get<NoteSequence>(in.value(QStringLiteral("notes"))))}};
        if (method == QLatin1String("bad"))
            return {{QStringLiteral("marks"), in.value(QStringLiteral("audio"))}};
        if (method == QLatin1String("train"))
            return train(p, ctx);
        throw PluginError(QStringLiteral("unknown method %1").arg(method));
    }

private:
    static NoteSequence notes(NoteSequence n, const QVariantMap &p)
    {
        for (Note &note : n.notes)
            note.pitch = std::clamp(note.pitch + p.value(QStringLiteral("transpose")).toInt(), 0, 127);
        if (p.value(QStringLiteral("mode")).toString() == QLatin1String("first") && n.notes.size() > 1)
            n.notes.resize(1);
        if (p.value(QStringLiteral("reverse")).toBool())
            std::reverse(n.notes.begin(), n.notes.end());
        return n;
    }

    static AudioBuffer gained(AudioBuffer a, double db)
    {
        const float g = float(std::pow(10.0, db / 20.0));
        for (auto &ch : a.channels)
            for (float &s : ch)
                s *= g;
        return a;
    }

    static AnnotationSet marks(const AudioBuffer &a)
    {
        AnnotationSet set;
        set.kind = QStringLiteral("seconds");
        set.unit = QStringLiteral("s");
        for (int64_t f = 0; f < a.frameCount(); f += int64_t(a.sampleRate))
            set.items.push_back({double(f) / a.sampleRate, 0.0, QStringLiteral("s%1").arg(f / int64_t(a.sampleRate)), double(f), true});
        return set;
    }

    static LatentSet codes(const NoteSequence &n)
    {
        LatentSet l;
        l.codes.rows = int(n.notes.size());
        l.codes.cols = 2;
        for (const Note &note : n.notes) {
            l.codes.data.push_back(float(note.pitch));
            l.codes.data.push_back(float(note.velocity));
        }
        l.dimensionNames = {QStringLiteral("pitch"), QStringLiteral("velocity")};
        return l;
    }

    static ValueMap train(const QVariantMap &p, JobContext &ctx)
    {
        const QDir data(p.value(QStringLiteral("data")).toString());
        if (!data.exists())
            throw PluginError(QStringLiteral("data folder %1 does not exist").arg(data.path()));
        const int steps = p.value(QStringLiteral("steps")).toInt();
        Matrix loss;
        loss.rows = steps;
        loss.cols = 1;
        loss.colLabels = {QStringLiteral("loss")};
        for (int i = 0; i < steps; ++i) {
            if (ctx.isCancelled())
                throw Cancelled();
            loss.data.push_back(1.0f / float(i + 1));
            ctx.setProgress(double(i + 1) / steps, QStringLiteral("step %1/%2").arg(i + 1).arg(steps));
        }
        QDir().mkpath(p.value(QStringLiteral("out")).toString());
        QFile f(QDir(p.value(QStringLiteral("out")).toString()).filePath(QStringLiteral("echo.weights")));
        if (!f.open(QIODevice::WriteOnly))
            throw PluginError(QStringLiteral("cannot write %1").arg(f.fileName()));
        f.write(QStringLiteral("steps=%1 files=%2\n").arg(steps).arg(data.entryList(QDir::Files).size()).toUtf8());
        return {{QStringLiteral("loss"), loss}};
    }
};

} // namespace mirstudio_fixture

#include "echoplugin.moc"
