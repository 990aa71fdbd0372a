// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <optional>
#include <utility>
#include <vector>

namespace mirstudio::toolkit {

/** A note for evaluation: onset and offset in seconds, pitch in Hz (mir_eval's convention). */
struct NoteEvent
{
    double onset = 0.0;
    double offset = 0.0;
    double pitchHz = 440.0;
};

/** Note-matching rules of mir_eval.transcription (defaults are mir_eval's). */
struct NoteMatchRules
{
    double onsetTolerance = 0.05;             ///< seconds
    double pitchToleranceCents = 50.0;
    std::optional<double> offsetRatio = 0.2;  ///< nullopt: offsets ignored ("no offset" scores)
    double offsetMinTolerance = 0.05;         ///< seconds
    bool strict = false;                      ///< true: `<` instead of `<=`
};

/** precision_recall_f1_overlap's four numbers plus the number of matched notes. */
struct NoteScores
{
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    double averageOverlap = 0.0;
    int matched = 0;
};

/** (reference index, estimate index) pairs sorted by reference: mir_eval.transcription.match_notes. */
std::vector<std::pair<int, int>> matchNotes(const std::vector<NoteEvent> &reference,
                                            const std::vector<NoteEvent> &estimate,
                                            const NoteMatchRules &rules = {});

/** mir_eval.transcription.precision_recall_f1_overlap (beta = 1). Empty input scores 0. */
NoteScores noteScores(const std::vector<NoteEvent> &reference, const std::vector<NoteEvent> &estimate,
                      const NoteMatchRules &rules = {});

/** mir_eval.transcription.onset_precision_recall_f1 (onsets only, pitch ignored). */
NoteScores onsetScores(const std::vector<NoteEvent> &reference, const std::vector<NoteEvent> &estimate,
                       double onsetTolerance = 0.05);

/** mir_eval.transcription.offset_precision_recall_f1 (offsets only, pitch ignored). */
NoteScores offsetScores(const std::vector<NoteEvent> &reference, const std::vector<NoteEvent> &estimate,
                        double offsetRatio = 0.2, double offsetMinTolerance = 0.05);

/** Notes of a sequence as NoteEvents (MIDI key → Hz with A4 = 440 Hz). */
std::vector<NoteEvent> noteEvents(const sdk::NoteSequence &notes);

/** Frame-level pitches: time stamps (s) and the frequencies (Hz) sounding at each. */
struct PitchFrames
{
    std::vector<double> times;
    std::vector<std::vector<double>> frequencies;
};

/**
 * Samples notes on a grid of `hop` seconds (10 ms by default) from 0 to `duration` (0: the
 * last offset): a note sounds at t when onset <= t < offset.
 */
PitchFrames pitchFrames(const std::vector<NoteEvent> &notes, double hop = 0.01, double duration = 0.0);

/** The 14 numbers of mir_eval.multipitch.metrics, in its order. */
struct MultiPitchScores
{
    double precision = 0, recall = 0, accuracy = 0;
    double substitutionError = 0, missError = 0, falseAlarmError = 0, totalError = 0;
    double chromaPrecision = 0, chromaRecall = 0, chromaAccuracy = 0;
    double chromaSubstitutionError = 0, chromaMissError = 0, chromaFalseAlarmError = 0,
           chromaTotalError = 0;
};

/**
 * mir_eval.multipitch.metrics: the estimate is resampled (nearest frame, none outside its
 * range) to the reference times when they differ; a pitch is correct within half a semitone
 * (and modulo the octave for the chroma scores).
 */
MultiPitchScores multiPitchScores(const PitchFrames &reference, const PitchFrames &estimate);

} // namespace mirstudio::toolkit
