// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/offlinebounce.h"

#include "core/audio/planbuilder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mirstudio {

media::AudioData OfflineBounce::render(const std::shared_ptr<const PlaybackPlan> &plan,
                                       const Options &options, const Progress &progress)
{
    if (!plan)
        return {};
    const int rate = plan->sampleRate;
    const bool hasMidi = std::any_of(plan->tracks.begin(), plan->tracks.end(),
                                     [](const auto &t) { return t.midi && t.synthChannel >= 0; });
    const std::int64_t start = std::max<std::int64_t>(0, options.startFrame);
    std::int64_t end = options.endFrame;
    if (end < 0)
        end = plan->length + (hasMidi ? std::int64_t(std::llround(options.tailSeconds * rate)) : 0);
    end = std::max(end, start);
    const int block = std::max(1, options.blockFrames);

    Engine::Options eo = options.engine;
    eo.synth = eo.synth && hasMidi;
    Engine engine(eo);
    engine.prepare(rate, block);
    if (eo.synth && !engine.synthLoaded())
        throw std::runtime_error(("cannot voice the MIDI tracks: " + engine.synthError()).toStdString());
    engine.setPlan(plan);
    engine.seek(start);
    engine.play();

    media::AudioData out = media::AudioData::silence(2, end - start, rate);
    std::int64_t done = 0;
    std::int64_t nextReport = 0;
    while (done < end - start) {
        const int n = int(std::min<std::int64_t>(block, end - start - done));
        float *ptrs[2] = {out.channels[0].data() + done, out.channels[1].data() + done};
        engine.process(nullptr, 0, ptrs, 2, n);
        done += n;
        if (progress && done >= nextReport) {
            nextReport = done + rate;
            if (!progress(double(done) / double(std::max<std::int64_t>(1, end - start)))) {
                for (auto &c : out.channels)
                    c.resize(std::size_t(done));
                break;
            }
        }
    }
    if (progress)
        progress(1.0);
    return out;
}

media::AudioData OfflineBounce::render(const std::shared_ptr<const PlaybackPlan> &plan)
{
    return render(plan, Options());
}

std::int64_t OfflineBounce::renderToFile(const SessionData &session, const QString &outPath,
                                         const Options &options, const Progress &progress)
{
    PlanBuilder builder;
    const auto plan = builder.build(session);
    const media::AudioData audio = render(plan, options, progress);
    media::writeAudio(outPath, audio, options.format);
    return audio.frames();
}

} // namespace mirstudio
