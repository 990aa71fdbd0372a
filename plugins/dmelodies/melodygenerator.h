// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/dmelodiesfactors.h"

#include <array>
#include <optional>
#include <QString>

namespace mirstudio::dmelodies {

/** One tick of a melody: a MIDI pitch, or kRest. */
using MelodyTicks = std::array<int, kSequenceLength>;
inline constexpr int kRest = -1;

/**
 * The dMelodies generation procedure (Pati, Gururani & Lerch, ISMIR 2020): the arpeggios of
 * I, IV, V, I of a major / minor / blues scale on a tonic in octave 4..6, each bar placing its
 * 6 notes on one of the C(8,6) = 28 onset patterns (itertools.combinations order), the other 2
 * eighths being rests. Stateless; all functions are thread-safe.
 */
class MelodyGenerator
{
public:
    /** The 16 ticks of the melody with these factors (every tick is a note onset or a rest). */
    static MelodyTicks melody(const DMelodiesFactors &factors);
    /** Onset positions (0..7) of rhythm pattern `pattern` (0..27), ascending. */
    static std::array<int, 6> rhythmPattern(int pattern);
    /** MIDI pitch of the tonic (C4 = 60) for a tonic 0..11 and octave index 0..2. */
    static int rootPitch(int tonic, int octave);
    /**
     * The factors of a dMelodies melody, or nothing when `ticks` is not one (rhythms from the
     * rest positions, then a search over tonic, octave, scale and arpeggio directions).
     */
    static std::optional<DMelodiesFactors> factorsOf(const MelodyTicks &ticks);
    /** Note name with octave, sharps for black keys ("C#5"). */
    static QString noteName(int midiPitch);
};

} // namespace mirstudio::dmelodies
