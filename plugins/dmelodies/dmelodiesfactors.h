// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <QStringList>

namespace mirstudio::dmelodies {

/** Number of tokens in one dMelodies melody: 2 bars of 4/4 on an eighth-note grid. */
inline constexpr int kSequenceLength = 16;
/** Ticks (eighth notes) per bar. */
inline constexpr int kTicksPerBar = 8;
/** Number of latent factors. */
inline constexpr int kFactorCount = 9;
/** Number of melodies: 12 * 3 * 3 * 28 * 28 * 2^4. */
inline constexpr int64_t kMelodyCount = 1354752;

/**
 * The 9 latent factors of one dMelodies melody, in the official order of the latent table
 * (tonic, octave, scale, rhythm bar 1, rhythm bar 2, arpeggiation of chords 1..4). A plain value.
 */
struct DMelodiesFactors
{
    std::array<int, kFactorCount> values{};

    int tonic() const { return values[0]; }      ///< 0..11 = C..B
    int octave() const { return values[1]; }     ///< 0..2 = octave 4, 5, 6
    int scale() const { return values[2]; }      ///< 0..2 = major, minor, blues
    int rhythmBar1() const { return values[3]; } ///< 0..27, index into C(8,6) onset patterns
    int rhythmBar2() const { return values[4]; } ///< 0..27
    int arpeggiation(int chord) const { return values[5 + chord]; } ///< 0 = up, 1 = down

    /** The number of values factor `factor` takes (12, 3, 3, 28, 28, 2, 2, 2, 2). */
    static int cardinality(int factor);
    /** The factor names ("tonic", "octave", "scale", "rhythm_bar1", ..., "arp_chord4"). */
    static QStringList names();
    /** True when every value is within its cardinality. */
    bool isValid() const;

    /** The factors of dataset index `index` (itertools.product order, last factor fastest). */
    static DMelodiesFactors fromIndex(int64_t index);
    /** The dataset index of these factors (the inverse of fromIndex). */
    int64_t index() const;
};

} // namespace mirstudio::dmelodies
