// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/audiodevice.h"
#include "core/audio/engine.h"
#include "core/audio/midirecorder.h"
#include "core/audio/planbuilder.h"

#include <QElapsedTimer>
#include <QObject>

#include <ctime>
#include <memory>

class QTimer;

namespace mirstudio {

class MidiConnections;

class Session;

/**
 * The window's link to the realtime engine: owns the Engine, the AudioDevice that drives it,
 * the PlanBuilder (the plan is rebuilt before playing whenever the session changed, and on the
 * next tick while playing) and the
 * MidiRecorder. Transport requests go to the engine's command queue; a 30 Hz timer reads the
 * engine's atomics (playhead, playing, peaks, xruns) and reports them through signals, so the
 * GUI never waits for the audio thread. Without a device (a normal state) the position is kept
 * here and seeks still move the playhead.
 *
 * Does not own the session. GUI thread only (the engine's single command sender).
 */
class PlaybackController : public QObject
{
    Q_OBJECT
public:
    explicit PlaybackController(Session *session, QObject *parent = nullptr);
    ~PlaybackController() override;

    Engine *engine() const { return m_engine.get(); }
    AudioDevice *device() const { return m_device; }
    /** Opens the audio device; false (status says why) when there is none. */
    bool startAudio(const AudioDevice::Options &options);
    bool audioRunning() const;
    /** Uses `path` as the synth's SoundFont (empty: the default): a fresh engine, the device reopened. */
    void setSoundFont(const QString &path);
    QString soundFont() const { return m_soundFont; }
    QString deviceText() const;

    double positionSeconds() const;
    bool isPlaying() const;
    bool isRecording() const { return m_recorder.isRecording(); }
    QString lastMessage() const { return m_message; }
    /**
     * The synth channel `track` plays on in the current plan (rebuilt first when the session
     * changed): 0..15, or -1 for a track that is not voiced (audio, MIDI output, > 16 tracks).
     */
    int synthChannel(const TrackId &track);
    /** The plan the engine plays (rebuilt first when the session changed); null when it cannot be built. */
    std::shared_ptr<const PlaybackPlan> currentPlan();
    /**
     * Connects the MIDI input (live thru and recording) to `source` (empty: none); kept when
     * the engine is replaced. False when it cannot be opened (midiStatus() says why).
     */
    bool setMidiInput(const QString &source);
    /** What MIDI is connected, or why not (input and the plan's MIDI outputs). */
    QString midiStatus() const;
    MidiConnections *midi() const { return m_midi.get(); }
    /** setAudition()'s `stem` for a group's original and for the normal mix (as StemGroupLane's). */
    static constexpr int originalStem = -1;
    static constexpr int mixStem = -2;
    /**
     * A/B/X: plays stem `stem` of stem group `track` only (originalStem: its original; mixStem
     * or a null track: the normal mix) at `gainDb` (the
     * loudness-matching gain), crossfaded by the engine. Kept and re-sent when the plan is rebuilt
     * (track indices may move) or the engine replaced.
     */
    void setAudition(const TrackId &track, int stem, double gainDb);
    /** The audition last sent to the engine. */
    AuditionSource audition() const { return m_audition; }

public Q_SLOTS:
    void togglePlay();
    void play();
    void pause();
    /** Stops and returns to the start (a running take is kept as one undo step). */
    void stop();
    void seek(double seconds);
    /** Starts a take on the first record-armed MIDI track (and plays), or ends the take. */
    void toggleRecord();
    /** Reads the engine's state and emits the reports (the timer calls it). */
    void tick();

Q_SIGNALS:
    void positionChanged(double seconds, bool playing);
    void masterPeaks(float left, float right);
    void statusChanged(bool deviceRunning, const QString &device, quint64 xruns, double cpuPercent);
    void recordingChanged(bool recording);
    void message(const QString &text);
    /** The take in progress on `track` (each tick while recording; empty when it ends). */
    void liveNotes(const mirstudio::TrackId &track, const std::vector<mirstudio::MidiRecorder::Note> &notes);
    /** The plan was rebuilt and handed to the engine. */
    void midiStatusChanged(const QString &text);
    void planRebuilt(std::shared_ptr<const mirstudio::PlaybackPlan> plan);

private:
    bool enginePrepared() const { return m_engine->sampleRate() > 0; }
    void rebuildPlanIfNeeded();
    void markDirty() { m_planDirty = true; }
    std::int64_t positionFrame() const;
    void sendAudition();

    Session *m_session;
    std::unique_ptr<Engine> m_engine;
    AudioDevice *m_device;
    PlanBuilder m_builder;
    MidiRecorder m_recorder;
    std::shared_ptr<const PlaybackPlan> m_plan;
    std::unique_ptr<MidiConnections> m_midi; // before m_engine goes (its threads use it)
    QTimer *m_timer;
    QString m_soundFont;
    AudioDevice::Options m_deviceOptions;
    bool m_planDirty = true;
    TrackId m_auditionTrack;
    int m_auditionStem = mixStem;
    double m_auditionGainDb = 0.0;
    AuditionSource m_audition;
    double m_position = 0.0; // seconds, used while the engine runs no clock
    QString m_message;
    QElapsedTimer m_cpuWall;
    std::clock_t m_cpuStart = 0;
    double m_cpuPercent = 0.0;
};

} // namespace mirstudio
