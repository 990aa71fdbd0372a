// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/playbackplan.h"
#include "core/media/midifile.h"
#include "core/session/sessiondata.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>

namespace mirstudio {

/**
 * Turns a SessionData into an immutable PlaybackPlan: decodes every audio source a clip uses
 * (resampled to the session rate when its rate differs), converts MIDI notes from ticks of the
 * session tempo map to frames, takes program and controller changes (volume CC7, pan CC10,
 * sustain CC64...) from a MIDI clip's source file on the channels its notes use, assigns each
 * MIDI track one synth channel and resolves gain, pan, mute and solo.
 *
 * Synth channels: a MIDI track whose notes are all on channel 9 gets the GM drum channel 9;
 * the others get 0..15 skipping 9, in track order. Beyond that (more than 15 melodic tracks)
 * a track gets synthChannel -1 and is silent; warnings() says which. A MIDI track with a
 * `midiOutput` gets no synth channel: its events go to that output port (midiOutPort).
 * A stem-group track plays its stems whole from frame 0 (lane gain, mute and solo resolved inside
 * the group) and keeps every stem and its original (provenance input) for the engine's audition.
 * Live MIDI input plays through the first record-armed, voiced MIDI track (thruChannel); with
 * none armed, through synth channel 0.
 *
 * Decoded audio and parsed MIDI files are cached by path, so rebuilding after an edit only
 * decodes new files and plans share their audio. A missing or unreadable file throws
 * media::MediaError naming it. Not thread-safe: use from one non-realtime thread (the GUI thread
 * or a job), never from the audio thread (it allocates and does file I/O).
 */
class PlanBuilder
{
public:
    /** Builds the plan for `session`; throws media::MediaError when a used file cannot be read. */
    std::shared_ptr<const PlaybackPlan> build(const SessionData &session);
    /** Warnings of the last build (tracks that are not voiced...). */
    QStringList warnings() const { return m_warnings; }
    /** Forgets the cached audio and MIDI files. */
    void clearCache();

private:
    std::shared_ptr<const media::AudioData> audioFor(const MediaSource &source, int rate);
    std::shared_ptr<const media::MidiFile> midiFor(const MediaSource &source);
    /** The whole of audio source `id` at frame 0 with `gainDb` (null audio: not an audio source). */
    PlaybackPlan::ClipPlacement wholeSource(const SessionData &session, const SourceId &id,
                                            double gainDb, int rate);
    void addStemGroup(const SessionData &session, const Track &track, PlaybackPlan::PlannedTrack &pt,
                      PlaybackPlan &plan);
    void addMidiClip(const SessionData &session, const Clip &clip, int trackIndex, int channel,
                     PlaybackPlan &plan);

    QHash<QString, std::shared_ptr<const media::AudioData>> m_audio;
    QHash<QString, std::shared_ptr<const media::MidiFile>> m_midi;
    QStringList m_warnings;
};

} // namespace mirstudio
