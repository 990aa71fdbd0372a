// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/rendercommand.h"

#include "core/audio/offlinebounce.h"
#include "core/audio/planbuilder.h"
#include "core/audio/soundfontlocator.h"
#include "core/media/audiofilewriter.h"
#include "core/media/resampler.h"
#include "core/session/sessionjson.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace mirstudio::cli {

namespace {

bool parseSeconds(const QString &text, double &value)
{
    bool ok = false;
    value = text.toDouble(&ok);
    return ok && std::isfinite(value) && value >= 0.0;
}

} // namespace

bool RenderCommand::parse(const QStringList &args, Arguments &parsed, QString &error)
{
    QStringList positional;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--start") || a == QLatin1String("--end") || a == QLatin1String("--rate")) {
            if (i + 1 >= args.size()) {
                error = QStringLiteral("%1 needs a value").arg(a);
                return false;
            }
            const QString v = args[++i];
            if (a == QLatin1String("--rate")) {
                bool ok = false;
                parsed.rate = v.toInt(&ok);
                if (!ok || parsed.rate < 8000 || parsed.rate > 384000) {
                    error = QStringLiteral("--rate expects a sample rate in Hz (8000-384000), got '%1'").arg(v);
                    return false;
                }
            } else if (!parseSeconds(v, a == QLatin1String("--start") ? parsed.start : parsed.end)) {
                error = QStringLiteral("%1 expects seconds >= 0, got '%2'").arg(a, v);
                return false;
            }
        } else if (a.startsWith(QLatin1String("--"))) {
            error = QStringLiteral("render: unknown option '%1'").arg(a);
            return false;
        } else {
            positional << a;
        }
    }
    if (positional.size() != 2) {
        error = QStringLiteral("render needs a SESSION and an OUT.wav");
        return false;
    }
    if (parsed.end >= 0.0 && parsed.end <= parsed.start) {
        error = QStringLiteral("--end (%1 s) must be after --start (%2 s)").arg(parsed.end).arg(parsed.start);
        return false;
    }
    parsed.session = positional[0];
    parsed.output = positional[1];
    return true;
}

void RenderCommand::run(const Arguments &args, QTextStream &out, QTextStream &err)
{
    const SessionData session = SessionJson::readFile(args.session);
    PlanBuilder builder;
    const auto plan = builder.build(session);
    for (const QString &w : builder.warnings())
        err << "mirstudio-cli: warning: " << w << "\n";
    const bool hasMidi = std::any_of(plan->tracks.begin(), plan->tracks.end(),
                                     [](const auto &t) { return t.midi && t.synthChannel >= 0 && t.audible; });
    if (hasMidi && SoundFontLocator::defaultSoundFont().isEmpty())
        err << "mirstudio-cli: warning: no General MIDI SoundFont found (install fluid-soundfont-gm "
               "or set MIRSTUDIO_SOUNDFONT): MIDI tracks will be silent\n";

    OfflineBounce::Options o;
    const int rate = plan->sampleRate;
    o.startFrame = std::int64_t(std::llround(args.start * rate));
    o.endFrame = args.end >= 0.0 ? std::int64_t(std::llround(args.end * rate)) : -1;
    int lastStep = -1;
    QElapsedTimer timer;
    timer.start();
    media::AudioData audio = OfflineBounce::render(plan, o, [&](double p) {
        const int step = int(p * 10.0);
        if (step != lastStep) {
            lastStep = step;
            err << "rendering: " << step * 10 << " %\n";
            err.flush();
        }
        return true;
    });
    if (args.rate > 0 && args.rate != rate && audio.frames() > 0)
        audio = media::resample(audio, args.rate);
    media::writeAudio(args.output, audio, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
    const double seconds = audio.durationSeconds();
    const double took = std::max(1e-3, double(timer.elapsed()) / 1000.0);
    out << "wrote " << args.output << " (" << QString::number(seconds, 'f', 2) << " s, "
        << audio.sampleRate << " Hz stereo float, " << QString::number(seconds / took, 'f', 1)
        << "x realtime)\n";
}

} // namespace mirstudio::cli
