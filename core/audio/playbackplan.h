// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mirstudio {

/**
 * Everything the audio thread needs to play a session, as an immutable value: decoded audio per
 * source (planar float at the plan's rate, shared between plans), per-track clip placements with
 * linear clip gains, linear track gains already combined with pan (constant-power law: at pan p
 * the left gain is cos((p+1)pi/4) and the right sin((p+1)pi/4), so the centre is -3 dB on each
 * side; the same two gains apply to the left/right channels of stereo sources and a mono source
 * feeds both), mute/solo resolved into `audible` (solo wins: when any track is soloed only soloed,
 * unmuted tracks play), the loop range, and every MIDI event of the MIDI tracks pre-sorted by frame
 * on the synth channel assigned to its track. A stem-group track plays its stems (whole sources
 * from frame 0) mixed with their lane gains, the group's own mute/solo deciding which.
 *
 * Built by PlanBuilder on a non-realtime thread, then never changed: the Engine publishes it to
 * the audio thread by atomic pointer swap and retires the old one, which is freed on the GUI
 * thread (Engine::collectGarbage()). Any thread may read it.
 */
class PlaybackPlan
{
public:
    /** One clip on the timeline: plays source frames [offset, offset+length) at `start`. */
    struct ClipPlacement
    {
        std::shared_ptr<const media::AudioData> audio;
        std::int64_t start = 0;
        std::int64_t offset = 0;
        std::int64_t length = 0;
        float gain = 1.0f; // linear clip gain
    };

    /** A channel message for the synth at an absolute frame. */
    struct MidiEvent
    {
        enum Kind : std::uint8_t { NoteOff = 0, Program = 1, Control = 2, NoteOn = 3 };
        std::int64_t frame = 0;
        Kind kind = NoteOn;
        std::uint8_t channel = 0; // synth channel (the track's), 0..15
        std::uint8_t a = 0;       // pitch, program or controller
        std::uint8_t b = 0;       // velocity or controller value
        int track = 0;            // index into tracks
    };

    struct PlannedTrack
    {
        bool midi = false;
        bool audible = true; // after mute/solo
        float gainLeft = 0.70710678f;
        float gainRight = 0.70710678f;
        int synthChannel = -1; // MIDI tracks: 0..15, -1 when not voiced (more than 16 MIDI tracks)
        int midiOutPort = -1;  // MIDI tracks sent to a MIDI output: index into midiOutputs
        std::vector<ClipPlacement> clips;
        // Stem groups: `clips` holds the stems the group's mute/solo lets through; `stems` every
        // stem lane (same index, null audio when its source is not audio), and `original` the
        // source the group was separated from (null audio when unknown), all placed whole at
        // frame 0 with the lane's gain (original: unity). The engine's audition plays them.
        std::vector<ClipPlacement> stems;
        ClipPlacement original;
    };

    int sampleRate = 48000;
    std::vector<PlannedTrack> tracks;
    std::vector<MidiEvent> midiEvents; // sorted by frame, then kind
    std::int64_t loopStart = 0;
    std::int64_t loopEnd = 0;
    bool loopEnabled = false;
    std::int64_t length = 0; // the end of the last clip or MIDI event, in frames
    /** MIDI output ports (RtMidi destination names) that tracks are routed to. */
    std::vector<std::string> midiOutputs;
    /** Synth channel that live MIDI input plays through (thru): the record-armed MIDI track's. */
    int thruChannel = 0;
    /** The plan track of thruChannel, or -1 (then thru is mixed at unity, centred). */
    int thruTrack = -1;

    /** Left and right gains of the constant-power pan law for `pan` in -1..1 (clamped). */
    static void panGains(double pan, float &left, float &right);
    /** dB to a linear amplitude factor. */
    static float dbToGain(double db);
    /** The index of the first MIDI event at or after `frame`. */
    std::size_t firstEventAt(std::int64_t frame) const noexcept;
};

} // namespace mirstudio
