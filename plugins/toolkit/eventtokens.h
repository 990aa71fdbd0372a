// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <cstdint>
#include <vector>

namespace mirstudio::toolkit {

/**
 * MIDI-like performance event tokens as Magenta's `MidiPerformanceEncoder` makes them (Music
 * Transformer; Music FaderNets' `ptb_v2.py` uses it with steps_per_second 100, 64 velocity bins,
 * pitches 21..108, so a vocabulary of 342).
 *
 * Token layout: `reserved` ids first (0 = PAD, 1 = EOS), then NOTE_ON minPitch..maxPitch,
 * NOTE_OFF minPitch..maxPitch, TIME_SHIFT 1..maxShiftSteps (10 ms each at 100 steps/s),
 * VELOCITY bins 1..velocityBins. Encoding quantises each note's start and end to the nearest
 * step (end = start + 1 when equal), orders on/off events by (step, note index by start then
 * pitch, off after on of the same note), writes a VELOCITY token before a NOTE_ON whose bin
 * differs from the current one, and TIME_SHIFTs of at most maxShiftSteps. Velocity bin =
 * (v - 1) / ceil(127 / bins) + 1; decoded velocity = 1 + (bin - 1) * ceil(127 / bins).
 * Decoding pairs a NOTE_OFF with the earliest open NOTE_ON of its pitch and ends open notes at
 * the last step. Notes outside the pitch range are left out (Magenta would fail on them).
 * Value type; const methods are pure and thread-safe.
 */
class EventTokenizer
{
public:
    struct Config
    {
        int stepsPerSecond = 100;
        int maxShiftSteps = 100;
        int velocityBins = 64;
        int minPitch = 21;
        int maxPitch = 108;
        int reserved = 2;
        bool appendEos = false;
    };

    static constexpr std::int64_t kPad = 0;
    static constexpr std::int64_t kEos = 1;

    /** FaderNets' settings (vocabulary 342). */
    static Config fadernets();
    /** Music Transformer's score2perf settings (32 velocity bins, vocabulary 310). */
    static Config musicTransformer();

    EventTokenizer() : EventTokenizer(fadernets()) {}
    explicit EventTokenizer(Config config) : m_config(config) {}

    const Config &config() const { return m_config; }
    int pitchCount() const { return m_config.maxPitch - m_config.minPitch + 1; }
    std::int64_t vocabularySize() const;

    std::int64_t noteOn(int pitch) const;
    std::int64_t noteOff(int pitch) const;
    std::int64_t timeShift(int steps) const;     ///< 1..maxShiftSteps
    std::int64_t velocity(int bin) const;        ///< 1..velocityBins
    int velocityToBin(int midiVelocity) const;
    int binToVelocity(int bin) const;

    std::vector<std::int64_t> encode(const sdk::NoteSequence &notes) const;
    /** PAD and EOS are skipped; unknown ids are ignored. */
    sdk::NoteSequence decode(const std::vector<std::int64_t> &tokens) const;

private:
    int velocityBinSize() const;
    std::int64_t quantise(double seconds) const;

    Config m_config;
};

} // namespace mirstudio::toolkit
