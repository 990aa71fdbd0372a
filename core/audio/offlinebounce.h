// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/engine.h"
#include "core/audio/playbackplan.h"
#include "core/media/audiodata.h"
#include "core/media/audiofilewriter.h"
#include "core/session/sessiondata.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>

namespace mirstudio {

/**
 * Offline render (bounce): drives the very same Engine::process() in a loop, without a device,
 * to render a plan or a session (or a time range of it) to stereo audio or a WAV file faster
 * than realtime. Loop is off during a bounce. Each call builds its own Engine (and synth), so
 * concurrent bounces on different threads are independent; not for the audio thread.
 * Errors (missing media file, unwritable output) throw media::MediaError.
 */
class OfflineBounce
{
public:
    struct Options
    {
        std::int64_t startFrame = 0;
        std::int64_t endFrame = -1; // -1: the end of the plan, plus `tailSeconds` if it has MIDI
        double tailSeconds = 1.5;   // lets synth notes ring out at the end
        int blockFrames = 512;
        Engine::Options engine;
        media::AudioWriteFormat format{media::AudioContainer::Wav, media::AudioSampleFormat::Float32};
    };
    /** Gets 0..1; returning false cancels (the audio rendered so far is kept). */
    using Progress = std::function<bool(double)>;

    /**
     * Renders `plan` to stereo audio at the plan's rate. Throws std::runtime_error when the plan
     * has MIDI tracks to voice and the synth cannot load its SoundFont (the message says why).
     */
    static media::AudioData render(const std::shared_ptr<const PlaybackPlan> &plan,
                                   const Options &options, const Progress &progress = {});
    static media::AudioData render(const std::shared_ptr<const PlaybackPlan> &plan);
    /** Builds the session's plan, renders it and writes `outPath`; returns the frames written. */
    static std::int64_t renderToFile(const SessionData &session, const QString &outPath,
                                     const Options &options, const Progress &progress = {});
};

} // namespace mirstudio
