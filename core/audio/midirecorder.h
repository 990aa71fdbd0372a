// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <cstdint>
#include <vector>

namespace mirstudio {

class Engine;
class Session;

/**
 * Records live MIDI into a clip: while a take runs, poll() drains the messages the engine played
 * through (Engine::readRecordedMidi, stamped with the playhead at arrival minus the input
 * latency) and pairs note-ons with note-offs; notes() shows the take so far (open notes end at
 * the current playhead) so a piano roll can draw it live; stop() turns the take into ONE undoable
 * command ("Record MIDI": a clip on the armed track starting where the take started, notes in
 * ticks of the session's tempo map).
 *
 * GUI thread only (the single consumer of the engine's recorded ring). Does not own the engine.
 */
class MidiRecorder
{
public:
    /** A note of the take, in frames at the session rate. */
    struct Note
    {
        int pitch = 60;
        int velocity = 100;
        int channel = 0;
        std::int64_t start = 0;
        std::int64_t end = -1; ///< -1 while held
    };

    explicit MidiRecorder(Engine *engine);

    /** Starts a take on `track` at timeline frame `startFrame`; stale input is discarded. */
    void start(const TrackId &track, std::int64_t startFrame);
    bool isRecording() const { return m_recording; }
    TrackId track() const { return m_track; }
    /** Drains the engine's recorded ring; returns how many messages were taken. */
    int poll();
    /** The take so far; held notes end at `nowFrame`. */
    std::vector<Note> notes(std::int64_t nowFrame) const;
    /**
     * Ends the take at `nowFrame`: held notes end there; pushes one command adding the clip to
     * the track. Returns the new clip's id, or a null id when no note was played (nothing is
     * pushed) or the track no longer exists.
     */
    ClipId stop(Session &session, std::int64_t nowFrame);

private:
    Engine *m_engine;
    TrackId m_track;
    bool m_recording = false;
    std::int64_t m_start = 0;
    std::vector<Note> m_notes;
};

} // namespace mirstudio
