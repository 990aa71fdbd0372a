// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace mirstudio::toolkit {

/**
 * A chord label read from the datasets' notations: POP909/Harte "Bb:min7", "C#:maj", "N";
 * Nottingham ABC "Am", "D7", "G/b"; WJazzD "Gj7" (major 7th), "F-7" (minor), "Bbo" (dim).
 * Only root, triad (major, minor, diminished, augmented) and a 7th are kept. Value type;
 * any thread.
 */
struct ChordSymbol
{
    int root = -1;                 ///< pitch class 0..11; -1 for no chord / unreadable
    std::vector<int> intervals;    ///< semitones above the root, 0 first

    bool isChord() const { return root >= 0; }
    /** The chord's pitch classes (root first). */
    std::vector<int> pitchClasses() const;

    static ChordSymbol parse(const QString &label);
};

} // namespace mirstudio::toolkit
