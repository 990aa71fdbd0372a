// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/midirecorder.h"
#include "core/media/audiodata.h"
#include "core/session/stemlane.h"
#include "core/session/typedid.h"
#include "widgets/noteaudition.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>

#include <memory>
#include <vector>

namespace mirstudio {

class PlaybackController;
class Session;
namespace widgets {
class PianoRollLane;
class StemGroupLane;
class TimelineView;
}

/**
 * Connects the timeline's lanes to the playback side whenever its rows are rebuilt: every
 * piano-roll lane auditions through a NoteAudition of its track (owned here, one per MIDI
 * track) whose messages go to the engine's audition path (Engine::sendMidi) on the track's
 * synth channel in the current plan (PlaybackController::synthChannel, looked up when a note
 * sounds, so re-voicing after track changes is followed); and the MIDI take in progress
 * (PlaybackController::liveNotes, 30 Hz while recording) is drawn live on the armed track's lane.
 * Stem-group lanes get their stems' audio and the original's (the group's provenance input),
 * decoded on a worker thread once per source and cached here with its BS.1770 loudness (measured
 * on the same worker), for the A/B/X comparison, whose requests go to
 * PlaybackController::setAudition; a stem with a reference source gets its "SDR (plain)"
 * (PlainSdr, computed once per stem/reference pair and cached).
 *
 * Does not own the timeline or the controller. GUI thread only.
 */
class LaneWiring : public QObject
{
    Q_OBJECT
public:
    LaneWiring(widgets::TimelineView *timeline, PlaybackController *playback, Session *session,
               QObject *parent = nullptr);

    /** The audition of `track` (created on first use). */
    widgets::NoteAudition *audition(const TrackId &track);
    /**
     * Where audition messages go (status with the synth channel, data1, data2); the engine's
     * sendMidi by default. Tests put a recorder here.
     */
    void setMidiSink(widgets::NoteAudition::Sink sink) { m_sink = std::move(sink); }

    /** Hands auditions to the piano-roll lanes and audio to the stem lanes (on rowsRebuilt). */
    void wireLanes();
    /**
     * Attaches the audio file `path` as the reference (true) stem of stem `stem` of stem group
     * `track` (one undo step: the source is added to the pool and the stem lane points at it);
     * its "SDR (plain)" then shows on the lane. False, with `error` set, when it cannot be read.
     */
    bool attachReference(const TrackId &track, int stem, const QString &path, QString *error = nullptr);
    /** True while source audio for stem lanes is being decoded. */
    bool loadingAudio() const { return !m_loading.isEmpty(); }

private:
    struct Decoded
    {
        std::shared_ptr<const media::AudioData> audio;
        double loudness = 0.0; // LUFS
    };
    widgets::PianoRollLane *rollOf(const TrackId &track) const;
    void showLiveNotes(const TrackId &track, const std::vector<MidiRecorder::Note> &notes);
    void feedStems(widgets::StemGroupLane *lane);
    /** Hands the lane `source`'s audio and loudness when decoded; whether it was. */
    bool feedSource(widgets::StemGroupLane *lane, const SourceId &source, bool original);
    void showSdr(widgets::StemGroupLane *lane, int index, const StemLane &stem);
    void auditionRequested(int stem, double gainDb);
    /** Asks for a reference file (file dialog) for the requesting lane's stem. */
    void referenceRequested(int stem);
    /** The decoded audio of `source`, or null audio while it loads (a load is started). */
    Decoded audioOf(const SourceId &source);
    bool send(const TrackId &track, std::uint8_t status, std::uint8_t data1, std::uint8_t data2);

    widgets::TimelineView *m_timeline;
    PlaybackController *m_playback;
    Session *m_session;
    QHash<SourceId, Decoded> m_audio;
    QHash<QPair<SourceId, SourceId>, double> m_sdr; // (stem, reference) -> dB
    QSet<SourceId> m_loading;
    QHash<TrackId, std::shared_ptr<widgets::NoteAudition>> m_auditions;
    widgets::NoteAudition::Sink m_sink;
};

} // namespace mirstudio
