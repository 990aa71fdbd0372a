// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/auditionsource.h"
#include "core/audio/audioprocessor.h"
#include "core/audio/enginesynth.h"
#include "core/audio/midimessage.h"
#include "core/audio/playbackplan.h"
#include "core/audio/spscqueue.h"
#include "core/audio/transport.h"

#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace mirstudio {

/**
 * The playback engine: mixes the active PlaybackPlan's audio clips and voices its MIDI tracks
 * through the EngineSynth, sample-accurately, with gain, pan, mute/solo, master gain and loop
 * wrap inside a block. Driven by an AudioDevice (PortAudio callback) or by OfflineBounce (the
 * same process() in a loop).
 *
 * Threads:
 * - GUI thread (or the thread that owns the engine): constructor, setPlan(), collectGarbage(),
 *   the transport commands play()/pause()/stop()/seek()/setLoopEnabled()/setMasterGain() (they
 *   push onto a 256-slot SPSC queue: exactly one thread may send commands), the readers
 *   (playhead(), isPlaying(), takeTrackPeak()...: atomics, any thread).
 * - prepare()/release(): a non-realtime thread while no stream runs (loads the synth).
 * - process(): the audio thread. It never locks, allocates, frees, logs or throws.
 *   recordXrun() may be called from the device callback.
 *
 * Live MIDI: pushLiveMidi() (the MIDI input thread, one producer) plays messages through the
 * synth on the plan's thruChannel (the record-armed track's) at the next block, stopped or
 * playing, and hands them on to readRecordedMidi() (one GUI consumer, for MidiRecorder).
 * sendMidi() (GUI) plays a message now on the synth channel it names (auditioning). Events of
 * tracks routed to a MIDI output are not voiced: they go to readMidiOut() (one consumer,
 * MidiOutputRouter), with note-offs (CC 123) on stop, pause, seek and loop wrap.
 *
 * Audition (A/B/X of a stem group, setAudition()): the engine plays the normal mix, a stem group's
 * original only or one of its stems only (AuditionSource), at the gain sent with the command,
 * switching with a linear crossfade of kAuditionFadeSeconds (instant while stopped); while a
 * stem or original is auditioned the other tracks and the synth are silent (they still advance).
 *
 * Output: out[0] left, out[1] right; with one output channel the mix is (L+R)/2; channels
 * beyond 2 are zeroed. Inputs are ignored (recording is the device layer's).
 * A plan whose sample rate differs from the prepared rate plays silence (the device layer
 * reports the mismatch). Stop returns the playhead to 0, pause keeps it.
 */
class Engine : public AudioProcessor
{
public:
    struct Options
    {
        QString soundFont;      // empty: SoundFontLocator::defaultSoundFont()
        bool synth = true;      // false: MIDI tracks are silent and no SoundFont is loaded
        double synthGain = 0.5; // FluidSynth synth.gain
    };

    Engine();
    explicit Engine(const Options &options);
    ~Engine() override;
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // AudioProcessor
    void prepare(int sampleRate, int maxFrames) override;
    void process(const float *const *in, int inChannels, float *const *out, int outChannels,
                 int frames) noexcept override;
    void release() override;

    /** GUI: publishes `plan` (atomic swap); the previous one is retired until collectGarbage(). */
    void setPlan(std::shared_ptr<const PlaybackPlan> plan);
    /** GUI: frees retired plans the audio thread no longer uses; returns how many were dropped. */
    int collectGarbage();
    /** GUI: retired plans not yet freed. */
    int retiredCount() const { return int(m_retired.size()); }

    // Transport commands (GUI; false when the command queue is full).
    bool play();
    bool pause();
    bool stop();
    bool seek(std::int64_t frame);
    bool setLoopEnabled(bool on);
    bool setMasterGain(double linear);
    /** GUI: what to hear of a stem group (see AuditionSource); crossfaded. */
    bool setAudition(const AuditionSource &source);
    /** The audition the audio thread last applied (any thread; Mix before the first block). */
    AuditionSource audition() const;
    static constexpr double kAuditionFadeSeconds = 0.010;

    // Reports (any thread).
    std::int64_t playhead() const { return m_transport.playhead.load(std::memory_order_relaxed); }
    bool isPlaying() const { return m_transport.playing.load(std::memory_order_relaxed); }
    bool isLooping() const { return m_transport.looping.load(std::memory_order_relaxed); }
    std::uint64_t xruns() const { return m_transport.xruns.load(std::memory_order_relaxed); }
    /** Blocks whose process() took longer than the block lasts. */
    std::uint64_t overloads() const { return m_overloads.load(std::memory_order_relaxed); }
    /** Peak since the last take of track `index` (tracks beyond Transport::kMaxMeteredTracks: 0). */
    float takeTrackPeak(int index);
    /** Peak since the last take of master channel 0 (left) or 1 (right). */
    float takeMasterPeak(int channel);
    /** Device callback: counts an xrun the device reported. */
    void recordXrun() noexcept { m_transport.xruns.fetch_add(1, std::memory_order_relaxed); }
    void deviceXrun() noexcept override { recordXrun(); }

    /**
     * MIDI input thread (exactly one producer): a live message for thru and recording. Its
     * frame is in device frames since prepare() (MidiPorts stamping with
     * AudioDevice::playheadNow(), minus the input latency); the engine re-stamps it to the
     * timeline frame at which it happened (while playing) or the playhead (while stopped).
     */
    bool pushLiveMidi(const MidiMessage &message) noexcept;
    /** GUI: plays a channel message now; its channel nibble is the synth channel (audition). */
    bool sendMidi(std::uint8_t status, std::uint8_t data1, std::uint8_t data2);
    /** GUI (one consumer): the live messages the audio thread played, with their input stamps. */
    bool readRecordedMidi(MidiMessage &message) { return m_recorded.pop(message); }
    /** MIDI output pump (one consumer): messages of tracks routed to MIDI outputs. */
    bool readMidiOut(MidiMessage &message) { return m_midiOut.pop(message); }
    /** Live or outgoing messages dropped because a ring was full. */
    std::uint64_t droppedMidi() const { return m_droppedMidi.load(std::memory_order_relaxed); }

    /** After prepare(): whether the synth is loaded, and why not. */
    bool synthLoaded() const { return m_synth.isLoaded(); }
    QString synthError() const { return m_synth.errorString(); }
    int sampleRate() const { return m_sampleRate; }

private:
    struct Command
    {
        enum Type { Play, Pause, Stop, Seek, Loop, MasterGain, Midi, Audition };
        Type type = Play;
        std::int64_t frame = 0;
        float value = 0.0f;
        std::array<std::uint8_t, 3> bytes{};
        AuditionSource audition{};
    };

    bool send(const Command &c);
    void applyCommands() noexcept;
    const PlaybackPlan *acquirePlan() noexcept;
    void chase(const PlaybackPlan &plan) noexcept;
    void renderSegment(const PlaybackPlan &plan, float *const *out, int outChannels, int offset,
                       int frames) noexcept;
    /**
     * Adds `clips` at the playhead into left/right with per-channel gains, each sample weighted
     * by ramp[i] (fadeIn) or 1 - ramp[i] (fade out); a null ramp weighs 1. Whether any sounded.
     */
    bool addClips(std::span<const PlaybackPlan::ClipPlacement> clips, float *left, float *right,
                  int frames, float gainLeft, float gainRight, const float *ramp, bool fadeIn) noexcept;
    void applyAudition(const AuditionSource &source) noexcept;
    /** Audition: fades the segment's normal mix and adds the auditioned signals (crossfaded). */
    void mixAudition(const PlaybackPlan &plan, float *const *out, int outChannels, int offset,
                     int frames) noexcept;
    bool addAuditioned(const PlaybackPlan &plan, const AuditionSource &source, float *left,
                       float *right, int frames, bool fadeIn) noexcept;
    void mixAudioTrack(const PlaybackPlan::PlannedTrack &track, int index, float *const *out,
                       int outChannels, int offset, int frames) noexcept;
    void renderSynth(const PlaybackPlan &plan, int frames) noexcept;
    /** Applies a track's left/right gains, meters it and adds it into `out` (audio thread). */
    void addToOutput(const float *left, const float *right, float gainLeft, float gainRight,
                     int index, float *const *out, int outChannels, int offset, int frames) noexcept;
    void mixSynthTrack(const PlaybackPlan::PlannedTrack &track, int index, float *const *out,
                       int outChannels, int offset, int frames) noexcept;
    void meterTrack(int index, float peak) noexcept;
    /** Plays one channel message on the synth, its channel replaced by `channel` when >= 0. */
    void playMessage(const MidiMessage &m, int channel) noexcept;
    void takeLiveMidi(const PlaybackPlan *plan) noexcept;
    /** Mixes the synth channels: each voiced track's with its gains, the others centred. */
    void mixSynth(const PlaybackPlan *plan, float *const *out, int outChannels, int offset,
                  int frames) noexcept;
    /** Note-offs (CC 123) to every MIDI output of `plan` (stop, seek, loop wrap). */
    void silenceMidiOutputs(const PlaybackPlan &plan) noexcept;
    void pushMidiOut(const MidiMessage &m) noexcept;

    Options m_options;
    EngineSynth m_synth;
    SpscQueue<Command> m_commands{256};
    SpscQueue<MidiMessage> m_liveIn{1024};
    SpscQueue<MidiMessage> m_recorded{4096};
    SpscQueue<MidiMessage> m_midiOut{4096};
    std::atomic<std::uint64_t> m_droppedMidi{0};
    Transport m_transport;
    std::atomic<std::uint64_t> m_overloads{0};

    // GUI side of the plan hand-over.
    std::shared_ptr<const PlaybackPlan> m_owned;
    std::vector<std::shared_ptr<const PlaybackPlan>> m_retired;
    std::atomic<const PlaybackPlan *> m_plan{nullptr};  // newest published
    std::atomic<const PlaybackPlan *> m_inUse{nullptr}; // what the audio thread reads now

    // Audio-thread state.
    const PlaybackPlan *m_current = nullptr;
    int m_sampleRate = 0;
    int m_maxFrames = 0;
    std::int64_t m_position = 0;
    std::int64_t m_processed = 0; // frames processed since prepare(): the device's frame clock
    bool m_playing = false;
    bool m_loop = false;
    bool m_needChase = true;
    float m_masterGain = 1.0f;
    std::size_t m_cursor = 0;
    std::vector<float> m_trackLeft;
    std::vector<float> m_trackRight;
    std::vector<std::vector<float>> m_synthBuffers;
    std::vector<float *> m_synthOut;
    AuditionSource m_audition;     // the target
    AuditionSource m_auditionFrom; // faded out while m_fadeDone < m_fadeLength
    int m_fadeLength = 1;
    int m_fadeDone = 1;
    std::vector<float> m_ramp; // crossfade weights of the current segment
    std::atomic<int> m_reportedKind{0};
    std::atomic<int> m_reportedTrack{-1};
    std::atomic<int> m_reportedStem{-1};
    std::atomic<float> m_reportedGain{1.0f};
};

} // namespace mirstudio
