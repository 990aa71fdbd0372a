// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace mirstudio {

/**
 * The engine's General MIDI synth: one FluidSynth instance with 16 stereo outputs, one per MIDI
 * channel (synth.audio-channels = synth.audio-groups = 16), so that the engine can apply each
 * MIDI track's gain, pan, mute and meter to its own channel. Reverb and chorus are off (their
 * send buses would mix all channels). Polyphony is preallocated (synth.polyphony, 256 voices).
 *
 * load()/unload() run on a non-realtime thread while the audio thread does not use the synth.
 * Every other method is for the audio thread (or the offline render loop): they call FluidSynth
 * functions that, in steady state with the soundfont loaded, neither allocate nor free (verified
 * by tst_engine_alloc with a counting operator new); FluidSynth takes its own internal mutex
 * only when synth.threadsafe-api is on, which we turn off (only the audio thread touches it).
 */
class EngineSynth
{
public:
    static constexpr int kChannels = 16;

    EngineSynth();
    ~EngineSynth();
    EngineSynth(const EngineSynth &) = delete;
    EngineSynth &operator=(const EngineSynth &) = delete;

    /** Loads `soundFont` (empty: SoundFontLocator::defaultSoundFont()) at `sampleRate`. */
    bool load(const QString &soundFont, int sampleRate, double gain = 0.5);
    void unload();
    bool isLoaded() const { return m_synth != nullptr; }
    QString errorString() const { return m_error; }
    QString soundFontPath() const { return m_soundFont; }

    void noteOn(int channel, int pitch, int velocity) noexcept;
    void noteOff(int channel, int pitch) noexcept;
    void programChange(int channel, int program) noexcept;
    void controlChange(int channel, int controller, int value) noexcept;
    /** Pitch bend, 14-bit value 0..16383 (8192 = centre). */
    void pitchBend(int channel, int value) noexcept;
    /** Channel pressure (aftertouch) 0..127. */
    void channelPressure(int channel, int value) noexcept;
    /** Silences every voice now and resets the controllers (stop, seek, loop wrap). */
    void allSoundsOff() noexcept;
    /**
     * Renders `frames` frames into `out`: 2 * kChannels buffers (left/right per MIDI channel),
     * overwritten (zeroed first).
     */
    void render(int frames, float *const *out) noexcept;

private:
    void *m_settings = nullptr; // fluid_settings_t
    void *m_synth = nullptr;    // fluid_synth_t
    QString m_error;
    QString m_soundFont;
};

} // namespace mirstudio
