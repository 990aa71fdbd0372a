// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/midifile.h"

#include <QByteArray>
#include <QString>

namespace mirstudio::media {

/** How writeMidiFile()/midiFileBytes() lay the file out. */
struct MidiWriteOptions
{
    /** SMF format: 1 = conductor track + one track per MidiTrack, 0 = one merged track. */
    int format = 1;
    /** Resolution of the written file; -1 keeps MidiFile::ppq (ticks are rescaled otherwise). */
    int ppq = -1;
};

/**
 * Encodes `file` as a Standard MIDI File.
 *
 * Format 1: track 0 is a conductor track (tempo, time and key signatures from the tempo map),
 * then one MTrk per MidiTrack holding its name, program changes (or `program` on `channel` at
 * tick 0 when it has none), notes, control changes, pitch bends, text events and sysex.
 * Format 0: the same events merged into one MTrk (named after the first named track).
 * At equal ticks the order is: meta events, note-offs, program changes, control changes,
 * pitch bends, note-ons, then the note-offs of zero-length notes. Running status is used.
 * Values out of MIDI range are clamped. Throws MediaError for a format other than 0 or 1.
 * Reentrant: any thread.
 */
QByteArray midiFileBytes(const MidiFile &file, const MidiWriteOptions &options);
/** As above with the file's own ppq. */
QByteArray midiFileBytes(const MidiFile &file, int format = 1);

/**
 * Writes midiFileBytes() to `path` atomically (AtomicFile: temporary file, fsync, rename).
 * Throws MediaError when the file cannot be written (the temporary file is removed).
 */
void writeMidiFile(const QString &path, const MidiFile &file, const MidiWriteOptions &options);
/** As above with the file's own ppq. */
void writeMidiFile(const QString &path, const MidiFile &file, int format = 1);

} // namespace mirstudio::media
