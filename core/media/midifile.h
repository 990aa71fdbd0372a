// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/midinote.h"
#include "core/media/tempomap.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace mirstudio::media {

/** A program (instrument) change on `channel` at `tick`. */
struct MidiProgramChange
{
    std::int64_t tick = 0;
    int channel = 0;
    int program = 0;
    bool operator==(const MidiProgramChange &) const = default;
};

/** A control change (controller 0-127, value 0-127) on `channel` at `tick`. */
struct MidiControlChange
{
    std::int64_t tick = 0;
    int channel = 0;
    int controller = 0;
    int value = 0;
    bool operator==(const MidiControlChange &) const = default;
};

/** A pitch bend on `channel` at `tick`; `value` is signed, -8192..8191, 0 = centre. */
struct MidiPitchBend
{
    std::int64_t tick = 0;
    int channel = 0;
    int value = 0;
    bool operator==(const MidiPitchBend &) const = default;
};

/**
 * A text-like meta event kept from the file: `type` is the SMF meta type (0x01 text,
 * 0x02 copyright, 0x04 instrument name, 0x05 lyric, 0x06 marker, 0x07 cue point). Text is
 * decoded as UTF-8 (Latin-1 when it is not valid UTF-8). Track names (0x03) go to
 * MidiTrack::name instead.
 */
struct MidiTextEvent
{
    enum Type { Text = 0x01, Copyright = 0x02, InstrumentName = 0x04, Lyric = 0x05,
                Marker = 0x06, CuePoint = 0x07 };
    std::int64_t tick = 0;
    int type = Text;
    QString text;
    bool operator==(const MidiTextEvent &) const = default;
};

/** A system-exclusive message at `tick`; `data` excludes the leading 0xF0. */
struct MidiSysEx
{
    std::int64_t tick = 0;
    QByteArray data;
    bool operator==(const MidiSysEx &) const = default;
};

/**
 * The events of one MTrk chunk, decoded: notes paired from note-on/off, controllers, programs,
 * pitch bends, text and sysex, each sorted by tick. `channel` is the first channel used by a
 * channel message (-1 none), `program` the first program change (-1 none), `endTick` the tick
 * of the end-of-track event (or of the last event when the file has none).
 */
struct MidiTrack
{
    QString name;
    int channel = -1;
    int program = -1;
    std::int64_t endTick = 0;
    std::vector<MidiNote> notes;
    std::vector<MidiProgramChange> programChanges;
    std::vector<MidiControlChange> controlChanges;
    std::vector<MidiPitchBend> pitchBends;
    std::vector<MidiTextEvent> texts;
    std::vector<MidiSysEx> sysEx;

    /** The last tick used by any event, note end or endTick. */
    std::int64_t lengthTicks() const;
};

/**
 * A Standard MIDI File in memory: format (0 or 1), resolution `ppq` (ticks per quarter note),
 * the tempo map (tempo, time and key signatures from every track, at the same ppq) and one
 * MidiTrack per MTrk chunk (format 1's conductor track included, usually without notes).
 *
 * Every tick in `tracks` is at `ppq`; keep `tempoMap.ppq()` equal to it (setPpq() rescales
 * both). Seconds in notes are derived: call updateSeconds() after editing ticks or tempo.
 * Built by readMidiFile()/readMidiBytes(), written by writeMidiFile()/midiFileBytes().
 * Value type owning all its data; not thread-safe for concurrent mutation, const methods may
 * be called from any thread.
 */
class MidiFile
{
public:
    MidiFile() = default;
    explicit MidiFile(int ppq)
        : ppq(ppq > 0 ? ppq : 480)
        , tempoMap(ppq > 0 ? ppq : 480)
    {
    }

    int format = 1;
    int ppq = 480;
    TempoMap tempoMap{480};
    std::vector<MidiTrack> tracks;

    /** The last tick of any track (note ends, events, end-of-track). */
    std::int64_t lengthTicks() const;
    /** lengthTicks() in seconds through the tempo map. */
    double lengthSeconds() const;
    /** The number of notes in all tracks. */
    std::int64_t noteCount() const;

    /** Rescales every tick (notes, events, tempo map) to `newPpq` (rounded to nearest). */
    void setPpq(int newPpq);
    /** Recomputes every note's startSeconds/endSeconds from its ticks and the tempo map. */
    void updateSeconds();
};

} // namespace mirstudio::media
