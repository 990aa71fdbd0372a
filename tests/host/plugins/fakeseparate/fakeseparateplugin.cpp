// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture "fakeseparate" (see manifest.json).
#include "tests/host/plugins/fixtureplugin.h"

#include <algorithm>

namespace mirstudio_fixture {

using namespace mirstudio::sdk;

/**
 * Fixture plugin "fakeseparate": splits the mix into two stems, "quarter" (0.25 x mix) and
 * "rest" (0.75 x mix), chunk by chunk; after each chunk (and a "delay" in ms) it publishes the
 * stems done so far as a partial result, like a chunked separator. Honours cancel. Any thread.
 */
class FakeSeparatePlugin : public FixturePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MIRSTUDIO_PLUGIN_IID FILE "manifest.json")
    Q_INTERFACES(mirstudio::sdk::IModelPlugin)
public:
    ValueMap run(const QString &, const ValueMap &in, const QVariantMap &params, JobContext &ctx) override
    {
        const AudioBuffer mix = std::get<AudioBuffer>(in.value(QStringLiteral("mix")));
        const int chunks = std::max(1, params.value(QStringLiteral("chunks")).toInt());
        const int delayMs = params.value(QStringLiteral("delay")).toInt();
        const int64_t frames = mix.frameCount();
        StemSet set;
        set.order = {QStringLiteral("quarter"), QStringLiteral("rest")};
        AudioBuffer quarter = mix, rest = mix;
        for (auto *b : {&quarter, &rest})
            for (auto &ch : b->channels)
                std::fill(ch.begin(), ch.end(), 0.0f);
        for (int c = 0; c < chunks; ++c) {
            if (ctx.isCancelled())
                throw Cancelled();
            const int64_t from = frames * c / chunks, to = frames * (c + 1) / chunks;
            for (size_t ch = 0; ch < mix.channels.size(); ++ch)
                for (int64_t f = from; f < to; ++f) {
                    quarter.channels[ch][size_t(f)] = 0.25f * mix.channels[ch][size_t(f)];
                    rest.channels[ch][size_t(f)] = 0.75f * mix.channels[ch][size_t(f)];
                }
            set.stems.insert(QStringLiteral("quarter"), quarter);
            set.stems.insert(QStringLiteral("rest"), rest);
            ctx.setProgress(double(c + 1) / chunks, QStringLiteral("chunk %1/%2").arg(c + 1).arg(chunks));
            if (c + 1 < chunks)
                ctx.publishPartial(QStringLiteral("stems"), set, to);
            QThread::msleep(static_cast<unsigned long>(delayMs));
        }
        return {{QStringLiteral("stems"), set}};
    }
};

} // namespace mirstudio_fixture

#include "fakeseparateplugin.moc"
