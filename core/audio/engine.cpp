// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace mirstudio {

namespace {

float peakOf(const float *x, int n) noexcept
{
    float p = 0.0f;
    for (int i = 0; i < n; ++i)
        p = std::max(p, std::fabs(x[i]));
    return p;
}

} // namespace

Engine::Engine()
    : Engine(Options{})
{
}

Engine::Engine(const Options &options)
    : m_options(options)
{
}

Engine::~Engine() = default;

void Engine::prepare(int sampleRate, int maxFrames)
{
    const bool rateChanged = sampleRate != m_sampleRate;
    m_sampleRate = std::max(1, sampleRate);
    m_maxFrames = std::max(1, maxFrames);
    m_trackLeft.assign(std::size_t(m_maxFrames), 0.0f);
    m_trackRight.assign(std::size_t(m_maxFrames), 0.0f);
    m_synthBuffers.assign(2 * EngineSynth::kChannels, std::vector<float>(std::size_t(m_maxFrames)));
    m_ramp.assign(std::size_t(m_maxFrames), 1.0f);
    m_fadeLength = std::max(1, int(std::lround(kAuditionFadeSeconds * m_sampleRate)));
    m_fadeDone = m_fadeLength;
    m_synthOut.clear();
    for (auto &b : m_synthBuffers)
        m_synthOut.push_back(b.data());
    if (m_options.synth && (rateChanged || !m_synth.isLoaded()))
        m_synth.load(m_options.soundFont, m_sampleRate, m_options.synthGain);
    m_needChase = true;
    m_processed = 0;
}

void Engine::release()
{
}

void Engine::setPlan(std::shared_ptr<const PlaybackPlan> plan)
{
    if (m_owned)
        m_retired.push_back(m_owned);
    m_owned = std::move(plan);
    m_plan.store(m_owned.get(), std::memory_order_seq_cst);
}

int Engine::collectGarbage()
{
    // The audio thread announces the plan it reads in m_inUse and re-checks m_plan afterwards
    // (acquirePlan), so a retired plan that is not m_inUse now can never be picked up again.
    const PlaybackPlan *inUse = m_inUse.load(std::memory_order_seq_cst);
    const auto before = m_retired.size();
    m_retired.erase(std::remove_if(m_retired.begin(), m_retired.end(),
                                   [&](const auto &p) { return p.get() != inUse; }),
                    m_retired.end());
    return int(before - m_retired.size());
}

bool Engine::send(const Command &c)
{
    return m_commands.push(c);
}

bool Engine::play()
{
    return send({Command::Play, 0, 0.0f});
}

bool Engine::pause()
{
    return send({Command::Pause, 0, 0.0f});
}

bool Engine::stop()
{
    return send({Command::Stop, 0, 0.0f});
}

bool Engine::seek(std::int64_t frame)
{
    return send({Command::Seek, std::max<std::int64_t>(0, frame), 0.0f});
}

bool Engine::setLoopEnabled(bool on)
{
    return send({Command::Loop, on ? 1 : 0, 0.0f});
}

bool Engine::setMasterGain(double linear)
{
    return send({Command::MasterGain, 0, std::isfinite(linear) ? float(std::max(0.0, linear)) : 0.0f});
}

float Engine::takeTrackPeak(int index)
{
    if (index < 0 || index >= Transport::kMaxMeteredTracks)
        return 0.0f;
    return Transport::takePeak(m_transport.trackPeak[std::size_t(index)]);
}

float Engine::takeMasterPeak(int channel)
{
    if (channel < 0 || channel > 1)
        return 0.0f;
    return Transport::takePeak(m_transport.masterPeak[std::size_t(channel)]);
}

void Engine::applyCommands() noexcept
{
    Command c;
    while (m_commands.pop(c)) {
        switch (c.type) {
        case Command::Play:
            if (!m_playing)
                m_needChase = true;
            m_playing = true;
            break;
        case Command::Pause:
        case Command::Stop:
        case Command::Seek:
            if (c.type != Command::Seek)
                m_playing = false;
            if (c.type == Command::Stop)
                m_position = 0;
            else if (c.type == Command::Seek)
                m_position = c.frame;
            m_synth.allSoundsOff();
            if (m_current)
                silenceMidiOutputs(*m_current);
            m_needChase = true;
            break;
        case Command::Loop:
            m_loop = c.frame != 0;
            break;
        case Command::MasterGain:
            m_masterGain = c.value;
            break;
        case Command::Midi:
            playMessage(MidiMessage::make(0, c.bytes[0], c.bytes[1], c.bytes[2]), -1);
            break;
        case Command::Audition:
            applyAudition(c.audition);
            break;
        }
    }
}

const PlaybackPlan *Engine::acquirePlan() noexcept
{
    const PlaybackPlan *p = m_plan.load(std::memory_order_seq_cst);
    for (;;) {
        m_inUse.store(p, std::memory_order_seq_cst);
        const PlaybackPlan *again = m_plan.load(std::memory_order_seq_cst);
        if (again == p)
            return p;
        p = again;
    }
}

void Engine::chase(const PlaybackPlan &plan) noexcept
{
    // Silence, then re-send every program and controller change before the playhead so the
    // channels are in the state they would have reached by playing from the start.
    m_synth.allSoundsOff();
    for (const auto &t : plan.tracks)
        if (t.synthChannel >= 0)
            m_synth.programChange(t.synthChannel, 0);
    m_cursor = plan.firstEventAt(m_position);
    for (std::size_t i = 0; i < m_cursor; ++i) {
        const auto &e = plan.midiEvents[i];
        if (plan.tracks[std::size_t(e.track)].midiOutPort >= 0)
            continue;
        if (e.kind == PlaybackPlan::MidiEvent::Program)
            m_synth.programChange(e.channel, e.a);
        else if (e.kind == PlaybackPlan::MidiEvent::Control)
            m_synth.controlChange(e.channel, e.a, e.b);
    }
    m_needChase = false;
}

void Engine::process(const float *const *in, int inChannels, float *const *out, int outChannels,
                     int frames) noexcept
{
    (void)in;
    (void)inChannels;
    const auto t0 = std::chrono::steady_clock::now();
    for (int c = 0; c < outChannels; ++c)
        std::memset(out[c], 0, sizeof(float) * std::size_t(std::max(0, frames)));
    applyCommands();
    const PlaybackPlan *plan = acquirePlan();
    if (plan != m_current) {
        m_current = plan;
        m_needChase = true;
    }
    const bool usable = plan && m_maxFrames > 0 && plan->sampleRate == m_sampleRate;
    takeLiveMidi(usable ? plan : nullptr);
    if ((!usable || !m_playing) && m_synth.isLoaded() && frames > 0 && outChannels > 0) {
        // Stopped: only live (thru) and auditioned notes sound.
        m_synth.render(std::min(frames, m_maxFrames), m_synthOut.data());
        mixSynth(usable ? plan : nullptr, out, outChannels, 0, std::min(frames, m_maxFrames));
    }
    if (usable && m_playing && frames > 0 && outChannels > 0) {
        const bool loopValid = m_loop && plan->loopEnd > plan->loopStart;
        int done = 0;
        while (done < frames) {
            if (m_needChase)
                chase(*plan);
            int n = std::min(frames - done, m_maxFrames);
            const bool beforeLoopEnd = loopValid && m_position < plan->loopEnd;
            if (beforeLoopEnd)
                n = int(std::min<std::int64_t>(n, plan->loopEnd - m_position));
            renderSegment(*plan, out, outChannels, done, n);
            m_position += n;
            done += n;
            if (beforeLoopEnd && m_position >= plan->loopEnd) {
                m_position = plan->loopStart;
                silenceMidiOutputs(*plan);
                m_needChase = true;
            }
        }
    }
    if (outChannels > 0 && frames > 0) {
        Transport::raisePeak(m_transport.masterPeak[0], peakOf(out[0], frames));
        Transport::raisePeak(m_transport.masterPeak[1], peakOf(out[outChannels > 1 ? 1 : 0], frames));
    }
    m_processed += std::max(0, frames);
    m_transport.playhead.store(m_position, std::memory_order_relaxed);
    m_transport.playing.store(m_playing, std::memory_order_relaxed);
    m_transport.looping.store(m_loop, std::memory_order_relaxed);
    m_transport.blocks.fetch_add(1, std::memory_order_relaxed);
    if (m_sampleRate > 0 && frames > 0) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (elapsed > double(frames) / m_sampleRate)
            m_overloads.fetch_add(1, std::memory_order_relaxed);
    }
}

void Engine::renderSegment(const PlaybackPlan &plan, float *const *out, int outChannels, int offset,
                           int frames) noexcept
{
    for (std::size_t i = 0; i < plan.tracks.size(); ++i) {
        const auto &t = plan.tracks[i];
        if (!t.midi)
            mixAudioTrack(t, int(i), out, outChannels, offset, frames);
    }
    renderSynth(plan, frames);
    if (m_synth.isLoaded())
        mixSynth(&plan, out, outChannels, offset, frames);
    if (m_fadeDone < m_fadeLength || m_audition.kind != AuditionSource::Kind::Mix)
        mixAudition(plan, out, outChannels, offset, frames);
}

void Engine::mixSynth(const PlaybackPlan *plan, float *const *out, int outChannels, int offset,
                      int frames) noexcept
{
    std::uint32_t owned = 0;
    if (plan) {
        for (std::size_t i = 0; i < plan->tracks.size(); ++i) {
            const auto &t = plan->tracks[i];
            if (t.midi && t.synthChannel >= 0) {
                owned |= 1u << t.synthChannel;
                mixSynthTrack(t, int(i), out, outChannels, offset, frames);
            }
        }
    }
    // Channels no track owns carry only thru/auditioned notes: centred, unity.
    constexpr float kUnity = 1.0f;
    for (int ch = 0; ch < EngineSynth::kChannels; ++ch) {
        if (owned & (1u << ch))
            continue;
        addToOutput(m_synthOut[std::size_t(2 * ch)], m_synthOut[std::size_t(2 * ch + 1)],
                    kUnity * m_masterGain, kUnity * m_masterGain, Transport::kMaxMeteredTracks,
                    out, outChannels, offset, frames);
    }
}

bool Engine::pushLiveMidi(const MidiMessage &message) noexcept
{
    if (m_liveIn.push(message))
        return true;
    m_droppedMidi.fetch_add(1, std::memory_order_relaxed);
    return false;
}

bool Engine::sendMidi(std::uint8_t status, std::uint8_t data1, std::uint8_t data2)
{
    Command c;
    c.type = Command::Midi;
    c.bytes = {status, data1, data2};
    return send(c);
}

void Engine::takeLiveMidi(const PlaybackPlan *plan) noexcept
{
    const int channel = plan ? plan->thruChannel : 0;
    MidiMessage m;
    while (m_liveIn.pop(m)) {
        playMessage(m, channel);
        // Device frames -> timeline: the block starts at m_position and at m_processed.
        m.frame = m_playing ? std::max<std::int64_t>(0, m_position + (m.frame - m_processed))
                            : m_position;
        if (!m_recorded.push(m))
            m_droppedMidi.fetch_add(1, std::memory_order_relaxed);
    }
}

void Engine::playMessage(const MidiMessage &m, int channel) noexcept
{
    if (m.size < 2)
        return;
    const int ch = channel >= 0 ? channel : m.channel();
    const int a = m.bytes[1] & 0x7F;
    const int b = m.size > 2 ? (m.bytes[2] & 0x7F) : 0;
    switch (m.status()) {
    case 0x90:
        if (b > 0) {
            m_synth.noteOn(ch, a, b);
            break;
        }
        [[fallthrough]];
    case 0x80: m_synth.noteOff(ch, a); break;
    case 0xB0: m_synth.controlChange(ch, a, b); break;
    case 0xC0: m_synth.programChange(ch, a); break;
    case 0xD0: m_synth.channelPressure(ch, a); break;
    case 0xE0: m_synth.pitchBend(ch, a | (b << 7)); break;
    default: break;
    }
}

void Engine::pushMidiOut(const MidiMessage &m) noexcept
{
    if (!m_midiOut.push(m))
        m_droppedMidi.fetch_add(1, std::memory_order_relaxed);
}

void Engine::silenceMidiOutputs(const PlaybackPlan &plan) noexcept
{
    for (std::size_t p = 0; p < plan.midiOutputs.size(); ++p)
        for (std::uint8_t ch : {std::uint8_t(0), std::uint8_t(9)}) {
            MidiMessage m = MidiMessage::make(m_position, std::uint8_t(0xB0 | ch), 123, 0);
            m.port = std::uint8_t(p);
            pushMidiOut(m);
        }
}

void Engine::meterTrack(int index, float peak) noexcept
{
    if (index < Transport::kMaxMeteredTracks)
        Transport::raisePeak(m_transport.trackPeak[std::size_t(index)], peak);
}

void Engine::mixAudioTrack(const PlaybackPlan::PlannedTrack &track, int index, float *const *out,
                           int outChannels, int offset, int frames) noexcept
{
    if (!track.audible)
        return;
    float *left = m_trackLeft.data();
    float *right = m_trackRight.data();
    std::memset(left, 0, sizeof(float) * std::size_t(frames));
    std::memset(right, 0, sizeof(float) * std::size_t(frames));
    const bool any = addClips(track.clips, left, right, frames, 1.0f, 1.0f, nullptr, true);
    if (any)
        addToOutput(left, right, track.gainLeft * m_masterGain, track.gainRight * m_masterGain,
                    index, out, outChannels, offset, frames);
}

bool Engine::addClips(std::span<const PlaybackPlan::ClipPlacement> clips, float *left, float *right,
                      int frames, float gainLeft, float gainRight, const float *ramp, bool fadeIn) noexcept
{
    const std::int64_t from = m_position;
    const std::int64_t to = m_position + frames;
    bool any = false;
    for (const auto &clip : clips) {
        if (!clip.audio || clip.audio->channels.empty())
            continue;
        const std::int64_t srcFrames = clip.audio->frames();
        // Timeline span of the clip that has source audio behind it.
        const std::int64_t clipEnd =
            clip.start + std::min(clip.length, std::max<std::int64_t>(0, srcFrames - clip.offset));
        const std::int64_t a = std::max(from, clip.start);
        const std::int64_t b = std::min(to, clipEnd);
        if (a >= b)
            continue;
        any = true;
        const float *l = clip.audio->channels[0].data();
        const float *r = clip.audio->channels.size() > 1 ? clip.audio->channels[1].data() : l;
        const std::int64_t src = clip.offset + (a - clip.start);
        const int dst = int(a - from);
        const int n = int(b - a);
        const float gl = clip.gain * gainLeft, gr = clip.gain * gainRight;
        // One loop per weighting, so that the common unweighted case has no per-sample branch.
        auto mix = [&](auto weight) {
            for (int i = 0; i < n; ++i) {
                const float w = weight(dst + i);
                left[dst + i] += w * gl * l[src + i];
                right[dst + i] += w * gr * r[src + i];
            }
        };
        if (!ramp)
            mix([](int) { return 1.0f; });
        else if (fadeIn)
            mix([ramp](int k) { return ramp[k]; });
        else
            mix([ramp](int k) { return 1.0f - ramp[k]; });
    }
    return any;
}

void Engine::addToOutput(const float *left, const float *right, float gainLeft, float gainRight,
                         int index, float *const *out, int outChannels, int offset,
                         int frames) noexcept
{
    float peak = 0.0f;
    for (int i = 0; i < frames; ++i) {
        const float l = left[i] * gainLeft;
        const float r = right[i] * gainRight;
        peak = std::max(peak, std::max(std::fabs(l), std::fabs(r)));
        if (outChannels == 1) {
            out[0][offset + i] += 0.5f * (l + r);
        } else {
            out[0][offset + i] += l;
            out[1][offset + i] += r;
        }
    }
    meterTrack(index, peak);
}

void Engine::renderSynth(const PlaybackPlan &plan, int frames) noexcept
{
    float *ptrs[2 * EngineSynth::kChannels];
    int local = 0;
    const auto &events = plan.midiEvents;
    while (local < frames) {
        const std::int64_t now = m_position + local;
        while (m_cursor < events.size() && events[m_cursor].frame <= now) {
            const auto &e = events[m_cursor++];
            const auto &track = plan.tracks[std::size_t(e.track)];
            if (track.midiOutPort >= 0) {
                static constexpr std::uint8_t kStatus[] = {0x80, 0xC0, 0xB0, 0x90};
                if (e.kind == PlaybackPlan::MidiEvent::NoteOn && !track.audible)
                    continue;
                MidiMessage m = MidiMessage::make(e.frame, std::uint8_t(kStatus[e.kind] | e.channel),
                                                  e.a, e.b, e.kind == PlaybackPlan::MidiEvent::Program ? 2 : 3);
                m.port = std::uint8_t(track.midiOutPort);
                pushMidiOut(m);
                continue;
            }
            switch (e.kind) {
            case PlaybackPlan::MidiEvent::NoteOn:
                m_synth.noteOn(e.channel, e.a, e.b);
                break;
            case PlaybackPlan::MidiEvent::NoteOff:
                m_synth.noteOff(e.channel, e.a);
                break;
            case PlaybackPlan::MidiEvent::Program:
                m_synth.programChange(e.channel, e.a);
                break;
            case PlaybackPlan::MidiEvent::Control:
                m_synth.controlChange(e.channel, e.a, e.b);
                break;
            }
        }
        int stop = frames;
        if (m_cursor < events.size())
            stop = int(std::min<std::int64_t>(frames, events[m_cursor].frame - m_position));
        for (int i = 0; i < 2 * EngineSynth::kChannels; ++i)
            ptrs[i] = m_synthOut[std::size_t(i)] + local;
        m_synth.render(stop - local, ptrs);
        local = stop;
    }
}

void Engine::mixSynthTrack(const PlaybackPlan::PlannedTrack &track, int index, float *const *out,
                           int outChannels, int offset, int frames) noexcept
{
    if (!track.audible)
        return;
    const float *l = m_synthOut[std::size_t(2 * track.synthChannel)];
    const float *r = m_synthOut[std::size_t(2 * track.synthChannel + 1)];
    // FluidSynth already pans each voice (CC10); the track pan is applied on top, normalised so
    // that a centred track passes the synth's stereo image unchanged.
    constexpr float kCentreCompensation = 1.41421356f;
    addToOutput(l, r, track.gainLeft * m_masterGain * kCentreCompensation,
                track.gainRight * m_masterGain * kCentreCompensation, index, out, outChannels,
                offset, frames);
}

} // namespace mirstudio
