// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace mirstudio::media {

/** A tempo change: from `tick` on, a quarter note lasts `microsPerQuarter` microseconds. */
struct TempoPoint
{
    std::int64_t tick = 0;
    double microsPerQuarter = 500000.0; // 120 bpm
    double bpm() const { return 60'000'000.0 / microsPerQuarter; }
    bool operator==(const TempoPoint &) const = default;
};

/** A meter change at `tick`: numerator / denominator (denominator a power of two). */
struct TimeSignature
{
    std::int64_t tick = 0;
    int numerator = 4;
    int denominator = 4;
    bool operator==(const TimeSignature &) const = default;
};

/** A key change at `tick`: sharps (>0) or flats (<0), -7..7, and major/minor. */
struct KeySignature
{
    std::int64_t tick = 0;
    int sharps = 0;
    bool minor = false;
    bool operator==(const KeySignature &) const = default;
};

/** A position in bars and beats, both counted from 1, plus the ticks into the beat. */
struct BarBeat
{
    std::int64_t bar = 1;
    int beat = 1;
    std::int64_t tick = 0;
};

/**
 * Musical time: maps ticks (at `ppq` ticks per quarter note) to seconds and back through a
 * piecewise-constant tempo, and to bars/beats through time signatures. Shared by the MIDI
 * reader/writer and the session. Starts at 120 bpm, 4/4, C major when nothing is set.
 * Value type; not thread-safe for concurrent mutation, const methods may be called from any
 * thread.
 */
class TempoMap
{
public:
    explicit TempoMap(int ppq = 960);

    int ppq() const { return m_ppq; }
    /** Changes the resolution, rescaling every event tick (rounded to nearest). */
    void setPpq(int ppq);

    /** Inserts or replaces the tempo at point.tick. */
    void setTempo(const TempoPoint &point);
    void setTimeSignature(const TimeSignature &sig);
    void setKeySignature(const KeySignature &key);
    void clear();

    /** Sorted by tick; never empty (a default point at tick 0 is implied when none is set). */
    const std::vector<TempoPoint> &tempos() const { return m_tempos; }
    const std::vector<TimeSignature> &timeSignatures() const { return m_timeSigs; }
    const std::vector<KeySignature> &keySignatures() const { return m_keySigs; }

    double secondsAt(double tick) const;
    double tickAt(double seconds) const;
    std::int64_t frameAt(double tick, double sampleRate) const;
    double tickAtFrame(std::int64_t frame, double sampleRate) const;
    double bpmAt(double tick) const;
    TimeSignature timeSignatureAt(double tick) const;
    KeySignature keySignatureAt(double tick) const;
    BarBeat barBeatAt(std::int64_t tick) const;
    /** The tick at which a bar (counted from 1) starts. */
    std::int64_t tickOfBar(std::int64_t bar) const;

    bool operator==(const TempoMap &) const = default;

private:
    int m_ppq;
    std::vector<TempoPoint> m_tempos;   // always holds a point at tick 0
    std::vector<TimeSignature> m_timeSigs; // always holds a signature at tick 0
    std::vector<KeySignature> m_keySigs;   // always holds a key at tick 0
};

} // namespace mirstudio::media
