// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/midirenderer.h"

#include "core/audio/soundfontlocator.h"

#include <fluidsynth.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mirstudio {

namespace {

/** One synth event at a sample frame; `order` sorts note-offs before other events at a frame. */
struct SynthEvent
{
    enum Kind { NoteOff, Program, Control, Bend, NoteOn };
    std::int64_t frame = 0;
    Kind kind = NoteOn;
    int channel = 0;
    int a = 0;
    int b = 0;
};

std::vector<SynthEvent> collectEvents(const media::MidiFile &file, int rate)
{
    const auto &map = file.tempoMap;
    auto at = [&](std::int64_t tick) { return map.frameAt(double(tick), rate); };
    std::vector<SynthEvent> ev;
    for (const auto &track : file.tracks) {
        for (const auto &n : track.notes) {
            ev.push_back({at(n.startTick), SynthEvent::NoteOn, n.channel, n.pitch, n.velocity});
            ev.push_back({at(n.endTick), SynthEvent::NoteOff, n.channel, n.pitch, 0});
        }
        for (const auto &p : track.programChanges)
            ev.push_back({at(p.tick), SynthEvent::Program, p.channel, p.program, 0});
        for (const auto &c : track.controlChanges)
            ev.push_back({at(c.tick), SynthEvent::Control, c.channel, c.controller, c.value});
        for (const auto &b : track.pitchBends)
            ev.push_back({at(b.tick), SynthEvent::Bend, b.channel, b.value + 8192, 0});
    }
    std::stable_sort(ev.begin(), ev.end(), [](const SynthEvent &x, const SynthEvent &y) {
        return x.frame != y.frame ? x.frame < y.frame : x.kind < y.kind;
    });
    return ev;
}

void send(fluid_synth_t *synth, const SynthEvent &e)
{
    switch (e.kind) {
    case SynthEvent::NoteOn:
        fluid_synth_noteon(synth, e.channel, e.a, e.b);
        break;
    case SynthEvent::NoteOff:
        fluid_synth_noteoff(synth, e.channel, e.a);
        break;
    case SynthEvent::Program:
        fluid_synth_program_change(synth, e.channel, e.a);
        break;
    case SynthEvent::Control:
        fluid_synth_cc(synth, e.channel, e.a, e.b);
        break;
    case SynthEvent::Bend:
        fluid_synth_pitch_bend(synth, e.channel, e.a);
        break;
    }
}

} // namespace

struct MidiRenderer::Impl
{
    MidiRenderSettings settings;
    QString soundFont;
    fluid_settings_t *fs = nullptr;
    fluid_synth_t *synth = nullptr;

    ~Impl() { destroySynth(); }

    void destroySynth()
    {
        if (synth)
            delete_fluid_synth(synth);
        if (fs)
            delete_fluid_settings(fs);
        synth = nullptr;
        fs = nullptr;
    }

    // A fresh synth per render: FluidSynth keeps reverb/chorus state across system resets, and a
    // render must not depend on what was rendered before it.
    void createSynth()
    {
        destroySynth();
        fs = new_fluid_settings();
        fluid_settings_setnum(fs, "synth.sample-rate", settings.sampleRate);
        fluid_settings_setnum(fs, "synth.gain", settings.gain);
        fluid_settings_setint(fs, "synth.reverb.active", settings.reverb ? 1 : 0);
        fluid_settings_setint(fs, "synth.chorus.active", settings.chorus ? 1 : 0);
        fluid_settings_setint(fs, "synth.cpu-cores", 1);
        fluid_settings_setint(fs, "synth.lock-memory", 0);
        synth = new_fluid_synth(fs);
        if (!synth)
            throw std::runtime_error("FluidSynth could not create a synthesizer");
        if (fluid_synth_sfload(synth, soundFont.toLocal8Bit().constData(), 1) == FLUID_FAILED)
            throw std::runtime_error(("cannot load SoundFont " + soundFont +
                                      ": not a readable .sf2 file").toStdString());
        loaded = true;
    }
    bool loaded = false;
};

MidiRenderer::MidiRenderer(const MidiRenderSettings &settings)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->settings = settings;
    m_impl->soundFont = settings.soundFont.isEmpty() ? SoundFontLocator::defaultSoundFont()
                                                     : settings.soundFont;
    if (m_impl->soundFont.isEmpty())
        throw std::runtime_error("no General MIDI SoundFont found: install fluid-soundfont-gm or "
                                 "set MIRSTUDIO_SOUNDFONT to an .sf2 file");
    fluid_set_log_function(FLUID_WARN, nullptr, nullptr);
    fluid_set_log_function(FLUID_INFO, nullptr, nullptr);
    fluid_set_log_function(FLUID_DBG, nullptr, nullptr);
    fluid_set_log_function(FLUID_ERR, nullptr, nullptr);
    m_impl->createSynth(); // fails early on an unreadable soundfont
}

MidiRenderer::~MidiRenderer() = default;

QString MidiRenderer::soundFontPath() const
{
    return m_impl->soundFont;
}

media::AudioData MidiRenderer::render(const media::MidiFile &file,
                                      const std::function<bool(double)> &progress)
{
    const int rate = m_impl->settings.sampleRate;
    if (!m_impl->loaded)
        m_impl->createSynth();
    m_impl->loaded = false; // the next render starts from a fresh synth
    const auto events = collectEvents(file, rate);
    const std::int64_t end = std::max<std::int64_t>(
        events.empty() ? 0 : events.back().frame,
        file.tempoMap.frameAt(double(file.lengthTicks()), rate));
    const std::int64_t total = end + std::int64_t(std::llround(m_impl->settings.tailSeconds * rate));

    media::AudioData out = media::AudioData::silence(2, total, rate);
    constexpr std::int64_t kBlock = 512;
    std::size_t next = 0;
    std::int64_t frame = 0;
    std::int64_t nextReport = rate; // report progress about once per rendered second
    while (frame < total) {
        while (next < events.size() && events[next].frame <= frame)
            send(m_impl->synth, events[next++]);
        std::int64_t stop = std::min(total, frame + kBlock);
        if (next < events.size())
            stop = std::min(stop, std::max(frame + 1, events[next].frame));
        const int n = int(stop - frame);
        fluid_synth_write_float(m_impl->synth, n, out.channels[0].data() + frame, 0, 1,
                                out.channels[1].data() + frame, 0, 1);
        frame = stop;
        if (progress && frame >= nextReport) {
            nextReport += rate;
            if (progress(double(frame) / double(total)))
                continue;
            for (auto &c : out.channels)
                c.resize(std::size_t(frame));
            break;
        }
    }
    return out;
}

} // namespace mirstudio
