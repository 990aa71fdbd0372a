// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/abctune.h"
#include "core/media/mediaerror.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace mirstudio::media {

/**
 * What a lenient read gives: the tunes that parsed, one MediaError per tune that did not
 * (the tune is skipped, the others are kept) and warnings about what was ignored or repaired
 * (unknown part in the play order, a chord missing its ']' closed at the first character that
 * cannot be in a chord, a stray '+' in a chord...; the strict readers throw on those repairs).
 * Value type; any thread.
 */
struct AbcReadResult
{
    std::vector<AbcTune> tunes;
    std::vector<MediaError> errors;
    QStringList warnings;
};

/** Reading choices where renderers differ. Value type. */
struct AbcReadOptions
{
    /** ABC 2.1: an accidental holds for that note until the bar line. The Nottingham
     *  reference MIDI renderings apply an accidental to its own note only (false). */
    bool accidentalsLastUntilBarLine = true;
    /** ABC 2.1: a P: field in the header gives the part play order. The Nottingham files
     *  moved that order to a Y: field (always honoured) and their renderer ignores a header P:. */
    bool headerPartIsPlayOrder = true;
    /** Without a play order, parts are performed as written (false), or only the first part
     *  is (true: what the Nottingham renderer does). */
    bool onlyFirstPartWithoutOrder = false;
    /** A tie (c2-c) makes one longer note (true), or is ignored (false: the Nottingham
     *  renderer plays tied notes separately). */
    bool mergeTies = true;
    /** ABC 2.1 / abc2midi: a :| without its own |: repeats from the previous :| (false).
     *  Nested (true): a :| goes back to the last unmatched |:, replaying inner repeats,
     *  like the Nottingham renderer. */
    bool nestedRepeats = false;

    /** The conventions of the Nottingham Music Database's own MIDI renderings. */
    static AbcReadOptions nottinghamReference()
    {
        AbcReadOptions o;
        o.accidentalsLastUntilBarLine = false;
        o.headerPartIsPlayOrder = false;
        o.onlyFirstPartWithoutOrder = true;
        o.mergeTies = false;
        o.nestedRepeats = true;
        return o;
    }
};

/**
 * ABC notation import (ABC 2.1 subset used by folk tune collections such as the Nottingham
 * Music Database). Stateless free functions; any thread. Errors are MediaError with the line
 * and column (1-based) and what was expected. Never crashes on any input.
 */

/** Parses every tune of a file (UTF-8, Latin-1 fallback); throws the first error. */
std::vector<AbcTune> readAbcFile(const QString &path, const AbcReadOptions &options = {});
/** Parses every tune of `text`; throws the first error. `nameForErrors` names the source. */
std::vector<AbcTune> readAbcText(const QString &text, const QString &nameForErrors,
                                  const AbcReadOptions &options = {});
/** Like readAbcText but a broken tune is skipped and reported in AbcReadResult::errors. */
AbcReadResult readAbcTextLenient(const QString &text, const QString &nameForErrors,
                                 const AbcReadOptions &options = {});
/** Like readAbcFile but lenient; an unreadable file gives one error and no tunes. */
AbcReadResult readAbcFileLenient(const QString &path, const AbcReadOptions &options = {});

} // namespace mirstudio::media
