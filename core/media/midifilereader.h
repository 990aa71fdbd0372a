// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/midifile.h"

#include <QByteArray>
#include <QString>

namespace mirstudio::media {

/** How readMidiFile()/readMidiBytes() interpret what they read. */
struct MidiReadOptions
{
    /**
     * When true, a sustain pedal (CC64 >= 64) holds each note-off on its channel, within its
     * track, until the pedal is released (CC64 < 64), the same pitch is struck again, or the
     * track ends; the note's endTick is extended accordingly. The CC64 events are kept.
     */
    bool applySustain = false;
};

/**
 * Reads a Standard MIDI File (format 0 or 1) from `path`.
 *
 * - One MidiTrack per MTrk chunk; notes keep their channel. Unknown chunks are skipped.
 * - Note-on with velocity 0 is a note-off; overlapping notes of one pitch on one channel are
 *   paired first-in first-out; notes left open end at their track's end.
 * - Tempo, time and key signatures from any track go to MidiFile::tempoMap.
 * - An SMPTE division (negative) is converted: ppq = frames/s x ticks/frame and one quarter
 *   note = one second (29 = 29.97 drop-frame: ppq = 30 x ticks/frame, quarter = 1.001 s), so
 *   ticks keep their absolute time; tempo events in such files are ignored.
 * - The header's track count must match the MTrk chunks present.
 * Throws MediaError (file, byte offset, what was expected and found) on any malformed input,
 * including format 2 ("format 2 is not supported"). Never reads out of bounds.
 * Reentrant: any thread.
 */
MidiFile readMidiFile(const QString &path, const MidiReadOptions &options = {});

/** As readMidiFile(), from bytes in memory; `nameForErrors` is used as the file in errors. */
MidiFile readMidiBytes(const QByteArray &bytes, const QString &nameForErrors,
                       const MidiReadOptions &options = {});

} // namespace mirstudio::media
