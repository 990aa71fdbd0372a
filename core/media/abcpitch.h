// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/abctune.h"

#include <QString>

#include <array>
#include <optional>

namespace mirstudio::media {

/**
 * Key signature and accidental logic for ABC: parses a K: value into an AbcKey plus the
 * alteration (-2..2 semitones) of each letter C D E F G A B, and turns letters into MIDI
 * pitches. Stateless; any thread.
 */
class AbcPitch
{
public:
    /** Alterations indexed by letter 0 = C ... 6 = B. */
    using Alterations = std::array<int, 7>;

    /** Parses "G", "Am", "D mix", "Ador", "F#m", "C exp ^f _b", "none"; nullopt when invalid. */
    static std::optional<AbcKey> parseKey(const QString &text, Alterations *alterations,
                                          QString *error);
    /** The alterations a signature with `sharps` (-7..7) applies. */
    static Alterations signatureAlterations(int sharps);
    /** 0..6 for C D E F G A B (either case), -1 otherwise. */
    static int letterIndex(QChar letter);
    /** Semitones above C of a natural letter index. */
    static int naturalSemitone(int letterIndex);
    /** Pitch class (0..11) of a chord-symbol root such as "F#", "Bb", "f+" (+ = sharp); -1 if none.
     *  `consumed` receives the characters read. */
    static int parseRoot(const QString &text, int *consumed);
};

} // namespace mirstudio::media
