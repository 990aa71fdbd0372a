// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "latentfixture": a deterministic linear latent model (see manifest.json).
#include "../fixtureplugin.h"

#include <algorithm>
#include <cmath>

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/**
 * Encodes a note sequence as one 4-D code [mean pitch, notes per second, mean velocity, mean
 * duration in seconds] (the attributes repeat the code) and decodes each code row into one
 * 2-second bar of evenly spaced notes, bars one after another. Stateless; any thread.
 */
class LatentFixturePlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    static constexpr double kBarSeconds = 2.0;

    ValueMap run(const QString &method, const ValueMap &in, const QVariantMap &p, JobContext &) override
    {
        if (method == QLatin1String("encode"))
            return {{QStringLiteral("latent"), encode(std::get<NoteSequence>(in.value(QStringLiteral("notes"))))}};
        if (method == QLatin1String("decode"))
            return {{QStringLiteral("notes"), decode(std::get<LatentSet>(in.value(QStringLiteral("latent"))),
                                                     p.value(QStringLiteral("temperature")).toDouble())}};
        throw PluginError(QStringLiteral("unknown method %1").arg(method));
    }

private:
    static LatentSet encode(const NoteSequence &seq)
    {
        double pitch = 0, velocity = 0, duration = 0, end = 0;
        for (const Note &n : seq.notes) {
            pitch += n.pitch;
            velocity += n.velocity;
            duration += n.duration;
            end = std::max(end, n.start + n.duration);
        }
        const double count = double(seq.notes.size());
        const double length = seq.duration > 0 ? seq.duration : end;
        const std::vector<double> code = count > 0
            ? std::vector<double>{pitch / count, length > 0 ? count / length : 0.0, velocity / count, duration / count}
            : std::vector<double>{60.0, 0.0, 0.0, 0.0};
        LatentSet l;
        l.codes.rows = 1;
        l.codes.cols = 4;
        l.dimensionNames = {QStringLiteral("pitch"), QStringLiteral("density"), QStringLiteral("velocity"), QStringLiteral("duration")};
        for (int d = 0; d < 4; ++d) {
            l.codes.data.push_back(float(code[size_t(d)]));
            l.attributes[l.dimensionNames[d]] = {code[size_t(d)]};
        }
        return l;
    }

    static NoteSequence decode(const LatentSet &latent, double temperature)
    {
        if (latent.codes.cols != 4)
            throw PluginError(QStringLiteral("latentfixture decodes 4-D codes, got %1-D").arg(latent.codes.cols));
        NoteSequence seq;
        for (int r = 0; r < latent.codes.rows; ++r) {
            const int count = std::clamp(int(std::lround(latent.codes.at(r, 1) * kBarSeconds)), 0, 32);
            const double step = count > 0 ? kBarSeconds / count : kBarSeconds;
            for (int i = 0; i < count; ++i) {
                Note n;
                const int wobble = int(std::lround(temperature * ((i % 3) - 1)));
                n.pitch = std::clamp(int(std::lround(latent.codes.at(r, 0))) + wobble, 0, 127);
                n.velocity = std::clamp(int(std::lround(latent.codes.at(r, 2))), 1, 127);
                n.start = r * kBarSeconds + i * step;
                n.duration = std::clamp(double(latent.codes.at(r, 3)), 0.01, step);
                seq.notes.push_back(n);
            }
        }
        seq.duration = latent.codes.rows * kBarSeconds;
        return seq;
    }
};

} // namespace mirstudio_fixture

#include "latentfixtureplugin.moc"
