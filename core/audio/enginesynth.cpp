// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/enginesynth.h"

#include "core/audio/soundfontlocator.h"

#include <fluidsynth.h>

#include <cstring>

namespace mirstudio {

namespace {

fluid_synth_t *synthOf(void *p)
{
    return static_cast<fluid_synth_t *>(p);
}

} // namespace

EngineSynth::EngineSynth() = default;

EngineSynth::~EngineSynth()
{
    unload();
}

void EngineSynth::unload()
{
    if (m_synth)
        delete_fluid_synth(synthOf(m_synth));
    if (m_settings)
        delete_fluid_settings(static_cast<fluid_settings_t *>(m_settings));
    m_synth = nullptr;
    m_settings = nullptr;
}

bool EngineSynth::load(const QString &soundFont, int sampleRate, double gain)
{
    unload();
    m_error.clear();
    m_soundFont = soundFont.isEmpty() ? SoundFontLocator::defaultSoundFont() : soundFont;
    if (m_soundFont.isEmpty()) {
        m_error = QStringLiteral("no General MIDI SoundFont found: install fluid-soundfont-gm or "
                                 "set MIRSTUDIO_SOUNDFONT to an .sf2 file");
        return false;
    }
    fluid_set_log_function(FLUID_WARN, nullptr, nullptr);
    fluid_set_log_function(FLUID_INFO, nullptr, nullptr);
    fluid_set_log_function(FLUID_DBG, nullptr, nullptr);
    fluid_set_log_function(FLUID_ERR, nullptr, nullptr);
    auto *fs = new_fluid_settings();
    m_settings = fs;
    fluid_settings_setnum(fs, "synth.sample-rate", sampleRate);
    fluid_settings_setnum(fs, "synth.gain", gain);
    fluid_settings_setint(fs, "synth.reverb.active", 0);
    fluid_settings_setint(fs, "synth.chorus.active", 0);
    fluid_settings_setint(fs, "synth.cpu-cores", 1);
    fluid_settings_setint(fs, "synth.lock-memory", 0);
    fluid_settings_setint(fs, "synth.polyphony", 256);
    fluid_settings_setint(fs, "synth.midi-channels", kChannels);
    fluid_settings_setint(fs, "synth.audio-channels", kChannels);
    fluid_settings_setint(fs, "synth.audio-groups", kChannels);
    fluid_settings_setint(fs, "synth.threadsafe-api", 0);
    fluid_settings_setint(fs, "synth.dynamic-sample-loading", 0);
    auto *synth = new_fluid_synth(fs);
    if (!synth) {
        m_error = QStringLiteral("FluidSynth could not create a synthesizer");
        unload();
        return false;
    }
    m_synth = synth;
    if (fluid_synth_sfload(synth, m_soundFont.toLocal8Bit().constData(), 1) == FLUID_FAILED) {
        m_error = QStringLiteral("cannot load SoundFont %1: not a readable .sf2 file").arg(m_soundFont);
        unload();
        return false;
    }
    return true;
}

void EngineSynth::noteOn(int channel, int pitch, int velocity) noexcept
{
    if (m_synth)
        fluid_synth_noteon(synthOf(m_synth), channel, pitch, velocity);
}

void EngineSynth::noteOff(int channel, int pitch) noexcept
{
    if (m_synth)
        fluid_synth_noteoff(synthOf(m_synth), channel, pitch);
}

void EngineSynth::programChange(int channel, int program) noexcept
{
    if (m_synth)
        fluid_synth_program_change(synthOf(m_synth), channel, program);
}

void EngineSynth::controlChange(int channel, int controller, int value) noexcept
{
    if (m_synth)
        fluid_synth_cc(synthOf(m_synth), channel, controller, value);
}

void EngineSynth::pitchBend(int channel, int value) noexcept
{
    if (m_synth)
        fluid_synth_pitch_bend(synthOf(m_synth), channel, value);
}

void EngineSynth::channelPressure(int channel, int value) noexcept
{
    if (m_synth)
        fluid_synth_channel_pressure(synthOf(m_synth), channel, value);
}

void EngineSynth::allSoundsOff() noexcept
{
    if (!m_synth)
        return;
    for (int c = 0; c < kChannels; ++c) {
        fluid_synth_all_sounds_off(synthOf(m_synth), c);
        fluid_synth_cc(synthOf(m_synth), c, 121, 0); // reset all controllers; the chase re-sends them
    }
}

void EngineSynth::render(int frames, float *const *out) noexcept
{
    for (int i = 0; i < 2 * kChannels; ++i)
        std::memset(out[i], 0, sizeof(float) * std::size_t(frames));
    if (m_synth && frames > 0)
        fluid_synth_process(synthOf(m_synth), frames, 0, nullptr, 2 * kChannels,
                            const_cast<float **>(out));
}

} // namespace mirstudio
