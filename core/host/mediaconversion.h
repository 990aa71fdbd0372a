// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"
#include "core/media/midifile.h"
#include "plugins/sdk/valuetypes.h"

namespace mirstudio {

/**
 * Converts between the plugin SDK's value types and core/media's file types: audio buffers
 * (sample rates are rounded to whole Hz for files) and note sequences (seconds ↔ ticks through
 * the file's tempo map; one MIDI track per channel/program voice on the way out). Stateless;
 * any thread.
 */
class MediaConversion
{
public:
    static sdk::AudioBuffer toAudioBuffer(const media::AudioData &audio);
    static media::AudioData toAudioData(const sdk::AudioBuffer &audio);

    /** Every note of every track, in seconds, with its track's program; bpm/ppq/bar of the file. */
    static sdk::NoteSequence toNoteSequence(const media::MidiFile &file);
    /** A type-1 MIDI file at the sequence's bpm, ppq and meter, one track per (channel, program). */
    static media::MidiFile toMidiFile(const sdk::NoteSequence &notes);
};

} // namespace mirstudio
