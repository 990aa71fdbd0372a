// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/midifile.h"
#include "plugins/sdk/valuetypes.h"

#include <QString>

namespace mirstudio::toolkit {

/**
 * Conversions from media::MidiFile to sdk::NoteSequence, shared by the dataset readers.
 * Note times come from the file's tempo map (seconds); bpm, ticksPerQuarter and beatsPerBar
 * of the result are the file's first tempo, ppq and meter. Free functions; any thread.
 */

/** The notes of one track (index into file.tracks); program from the track's first program
 *  change (0 when none). */
sdk::NoteSequence notesFromMidiTrack(const media::MidiFile &file, int trackIndex);

/** The notes of every track, sorted by start then pitch. */
sdk::NoteSequence notesFromMidi(const media::MidiFile &file);

/** The index of the first track named `name` (case-insensitive), -1 when none. */
int midiTrackIndex(const media::MidiFile &file, const QString &name);

/** Sorts notes by start, then pitch, then duration (the order every encoder expects). */
void sortNotes(sdk::NoteSequence &sequence);

/** Appends `more`'s notes to `sequence` and sorts; the grid fields of `sequence` are kept. */
void mergeNotes(sdk::NoteSequence &sequence, const sdk::NoteSequence &more);

} // namespace mirstudio::toolkit
