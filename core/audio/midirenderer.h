// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"
#include "core/media/midifile.h"

#include <QString>

#include <functional>
#include <memory>

namespace mirstudio {

/** Settings of an offline General MIDI render. */
struct MidiRenderSettings
{
    QString soundFont;          // empty: SoundFontLocator::defaultSoundFont()
    int sampleRate = 44100;
    double gain = 0.5;          // FluidSynth synth.gain
    double tailSeconds = 1.5;   // rendered after the last event so releases and reverb ring out
    bool reverb = true;
    bool chorus = false;
};

/**
 * Renders a MidiFile to stereo audio with FluidSynth, offline and faster than realtime: every
 * note, program change, controller (volume, pan, sustain...) and pitch bend is sent to the synth
 * at its exact sample frame (from the file's tempo map), and the synth is run in blocks between
 * events. Deterministic for the same input, soundfont and settings.
 *
 * Owns one fluid_synth instance (the soundfont loads once per renderer). Not thread-safe: use one
 * renderer per thread. Errors (no soundfont, unreadable soundfont) throw std::runtime_error with a
 * clear message.
 */
class MidiRenderer
{
public:
    explicit MidiRenderer(const MidiRenderSettings &settings = {});
    ~MidiRenderer();
    MidiRenderer(const MidiRenderer &) = delete;
    MidiRenderer &operator=(const MidiRenderer &) = delete;

    QString soundFontPath() const;

    /**
     * Renders all of `file`. `progress` (optional) gets 0..1 and may return false to cancel, in
     * which case the audio rendered so far is returned.
     */
    media::AudioData render(const media::MidiFile &file,
                            const std::function<bool(double)> &progress = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mirstudio
