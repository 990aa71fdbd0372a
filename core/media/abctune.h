// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/tempomap.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace mirstudio::media {

/** A fraction such as a meter (6/8) or a unit note length (1/8). Value type; any thread. */
struct AbcFraction
{
    int numerator = 4;
    int denominator = 4;
    double value() const { return denominator ? double(numerator) / denominator : 0.0; }
    bool operator==(const AbcFraction &) const = default;
};

/** A key as written in K:: tonic pitch class (0 = C), mode name and resulting sharps (<0
 *  flats). Value type; any thread. */
struct AbcKey
{
    QString name = QStringLiteral("C"); ///< the K: text as written, e.g. "Ador"
    int tonic = 0;                      ///< pitch class 0..11
    QString mode = QStringLiteral("major"); ///< major, minor, dorian, mixolydian, ...
    int sharps = 0;                     ///< -7..7, of the signature before explicit accidentals
    bool operator==(const AbcKey &) const = default;
};

/** One sounding note after repeats and parts are expanded. Value type; any thread. */
struct AbcNote
{
    int pitch = 60;                 ///< MIDI note number
    std::int64_t startTick = 0;     ///< at AbcTune::ppq
    std::int64_t durationTicks = 0;
    int velocity = 80;
    bool operator==(const AbcNote &) const = default;
};

/** A chord symbol ("Am7", "D/f+") placed in time; root/bass -1 when they could not be parsed.
 *  Value type; any thread. */
struct AbcChordSymbol
{
    std::int64_t startTick = 0;
    QString symbol;
    int rootPitchClass = -1; ///< 0 = C
    QString quality;         ///< text after the root, e.g. "m7", "" for a major triad
    int bassPitchClass = -1; ///< after '/', -1 when none
    bool operator==(const AbcChordSymbol &) const = default;
};

/**
 * One tune of an ABC file, as imported by readAbcText(): header data plus the performed note
 * sequence with repeats, endings and the part order already expanded. A leading pickup
 * (anacrusis) is shifted so that it ends at the first bar line: bar 2 starts at one full
 * measure, like the Nottingham reference MIDI renderings.
 * Plain value type; any thread.
 */
struct AbcTune
{
    static constexpr int ppq = 480;

    int number = 0;          ///< X:
    QString title;           ///< first T:
    QStringList otherTitles; ///< further T: lines
    AbcFraction meter;       ///< header M: (4/4 when absent)
    AbcFraction unitLength{1, 8}; ///< L:, or the default derived from the meter
    AbcKey key;              ///< header K:
    double qpm = 120.0;      ///< quarter notes per minute, from Q: (120 when absent)
    QString partOrder;       ///< the part play order (Y: or header P:), empty when none
    std::vector<AbcNote> notes;          ///< sorted by start tick, then pitch
    std::vector<AbcChordSymbol> chords;  ///< sorted by start tick
    std::vector<TimeSignature> timeSignatures; ///< meter at tick 0 plus body M: changes
    std::vector<KeySignature> keySignatures;   ///< key at tick 0 plus body K: changes
    int sourceLine = 0;      ///< 1-based line of the X: field
    std::int64_t endTick = 0; ///< where the performance ends (after the last note or rest)

    /** Tempo (qpm), meters and keys at ppq 480. */
    TempoMap tempoMap() const;
};

} // namespace mirstudio::media
