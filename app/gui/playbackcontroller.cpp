// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/playbackcontroller.h"

#include "app/gui/midiconnections.h"

#include "core/session/session.h"

#include <QLoggingCategory>
#include <QTimer>

#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace mirstudio {

namespace {

constexpr int kTickMs = 33;

} // namespace

PlaybackController::PlaybackController(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_engine(std::make_unique<Engine>())
    , m_device(new AudioDevice(this))
    , m_recorder(m_engine.get())
    , m_timer(new QTimer(this))
{
    m_midi = std::make_unique<MidiConnections>(m_engine.get(), m_device);
    for (auto sig : {&Session::sessionReset, &Session::tempoChanged})
        connect(m_session, sig, this, &PlaybackController::markDirty);
    connect(m_session, &Session::trackAdded, this, &PlaybackController::markDirty);
    connect(m_session, &Session::trackRemoved, this, &PlaybackController::markDirty);
    connect(m_session, &Session::trackMoved, this, &PlaybackController::markDirty);
    connect(m_session, &Session::trackChanged, this, &PlaybackController::markDirty);
    connect(m_session, &Session::clipAdded, this, &PlaybackController::markDirty);
    connect(m_session, &Session::clipRemoved, this, &PlaybackController::markDirty);
    connect(m_session, &Session::clipChanged, this, &PlaybackController::markDirty);
    connect(m_session, &Session::loopChanged, this, [this](const LoopRange &loop) {
        markDirty();
        m_engine->setLoopEnabled(loop.enabled);
    });
    connect(m_session, &Session::sessionReset, this, [this] { seek(0.0); });
    connect(m_timer, &QTimer::timeout, this, &PlaybackController::tick);
    m_timer->start(kTickMs);
    m_cpuWall.start();
    m_cpuStart = std::clock();
}

PlaybackController::~PlaybackController()
{
    m_device->close();
}

bool PlaybackController::startAudio(const AudioDevice::Options &options)
{
    m_deviceOptions = options;
    const bool ok = m_device->open(m_engine.get(), options);
    if (!ok)
        qCInfo(lcApp).noquote() << "no audio device:" << m_device->status().message;
    tick();
    return ok;
}

void PlaybackController::setSoundFont(const QString &path)
{
    if (path == m_soundFont)
        return;
    m_soundFont = path;
    const bool reopen = m_device->isRunning();
    if (m_recorder.isRecording())
        toggleRecord();
    m_device->close();
    const QString midiSource = m_midi->inputSource();
    m_midi.reset(); // its threads use the engine going now
    Engine::Options options;
    options.soundFont = path;
    m_engine = std::make_unique<Engine>(options);
    m_recorder = MidiRecorder(m_engine.get());
    m_midi = std::make_unique<MidiConnections>(m_engine.get(), m_device);
    m_midi->setInput(midiSource);
    m_planDirty = true;
    sendAudition();
    if (reopen)
        startAudio(m_deviceOptions);
}

bool PlaybackController::audioRunning() const
{
    return m_device->isRunning();
}

QString PlaybackController::deviceText() const
{
    const auto s = m_device->status();
    if (s.state != AudioDevice::State::Running)
        return s.message;
    return tr("%1 (%2), %3 Hz, %4 frames").arg(s.deviceName, s.hostApi).arg(s.sampleRate).arg(s.framesPerBuffer);
}

std::int64_t PlaybackController::positionFrame() const
{
    return std::llround(positionSeconds() * m_session->sampleRate());
}

double PlaybackController::positionSeconds() const
{
    if (enginePrepared())
        return double(m_engine->playhead()) / m_session->sampleRate();
    return m_position;
}

bool PlaybackController::isPlaying() const
{
    return m_engine->isPlaying();
}

void PlaybackController::rebuildPlanIfNeeded()
{
    if (!m_planDirty)
        return;
    try {
        m_plan = m_builder.build(m_session->data());
        m_engine->setPlan(m_plan);
        m_planDirty = false;
        QStringList midiErrors;
        m_midi->setOutputs(m_plan->midiOutputs, &midiErrors);
        for (const QString &e : std::as_const(midiErrors))
            qCInfo(lcApp).noquote() << "MIDI output:" << e;
        Q_EMIT midiStatusChanged(m_midi->statusText());
        sendAudition();
        Q_EMIT planRebuilt(m_plan);
        for (const QString &w : m_builder.warnings())
            qCWarning(lcApp).noquote() << w;
    } catch (const std::exception &e) {
        m_message = tr("Cannot play: %1").arg(QString::fromUtf8(e.what()));
        Q_EMIT message(m_message);
    }
}

std::shared_ptr<const PlaybackPlan> PlaybackController::currentPlan()
{
    rebuildPlanIfNeeded();
    return m_plan;
}

bool PlaybackController::setMidiInput(const QString &source)
{
    const bool ok = m_midi->setInput(source);
    Q_EMIT midiStatusChanged(m_midi->statusText());
    return ok;
}

QString PlaybackController::midiStatus() const
{
    return m_midi->statusText();
}

int PlaybackController::synthChannel(const TrackId &track)
{
    const auto plan = currentPlan();
    const int index = m_session->data().trackIndex(track);
    if (!plan || index < 0 || index >= int(plan->tracks.size()))
        return -1;
    return plan->tracks[size_t(index)].synthChannel;
}

void PlaybackController::setAudition(const TrackId &track, int stem, double gainDb)
{
    m_auditionTrack = track;
    m_auditionStem = stem;
    m_auditionGainDb = gainDb;
    sendAudition();
}

void PlaybackController::sendAudition()
{
    // The plan's tracks are the session's, in order (PlanBuilder).
    const int index = m_auditionTrack.isNull() ? -1 : m_session->data().trackIndex(m_auditionTrack);
    AuditionSource a;
    if (index >= 0 && m_auditionStem >= originalStem) {
        a.kind = m_auditionStem == originalStem ? AuditionSource::Kind::Original
                                                                : AuditionSource::Kind::Stem;
        a.track = index;
        a.stem = m_auditionStem;
        a.gain = PlaybackPlan::dbToGain(m_auditionGainDb);
    }
    m_audition = a;
    m_engine->setAudition(a);
}

void PlaybackController::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackController::play()
{
    rebuildPlanIfNeeded();
    if (!enginePrepared() && !audioRunning()) {
        m_message = tr("No audio device: playback is silent and the playhead does not move");
        Q_EMIT message(m_message);
    }
    m_engine->play();
}

void PlaybackController::pause()
{
    m_engine->pause();
}

void PlaybackController::stop()
{
    if (m_recorder.isRecording())
        toggleRecord();
    m_engine->stop();
    m_position = 0.0;
}

void PlaybackController::seek(double seconds)
{
    m_position = std::max(0.0, seconds);
    m_engine->seek(std::llround(m_position * m_session->sampleRate()));
    Q_EMIT positionChanged(m_position, isPlaying());
}

void PlaybackController::toggleRecord()
{
    if (m_recorder.isRecording()) {
        m_recorder.poll();
        const TrackId track = m_recorder.track();
        const ClipId clip = m_recorder.stop(*m_session, positionFrame());
        Q_EMIT liveNotes(track, {});
        Q_EMIT message(clip.isNull() ? tr("Recording ended: no notes played") : tr("Recorded a MIDI clip"));
        Q_EMIT recordingChanged(false);
        return;
    }
    for (const Track &t : m_session->tracks()) {
        if (t.kind == Track::Kind::Midi && t.recordArm) {
            m_recorder.start(t.id, positionFrame());
            Q_EMIT recordingChanged(true);
            if (!isPlaying())
                play();
            return;
        }
    }
    m_message = tr("Arm a MIDI track (R in its header) to record");
    Q_EMIT message(m_message);
    Q_EMIT recordingChanged(false);
}

void PlaybackController::tick()
{
    m_engine->collectGarbage();
    // Edits made while playing (and stems of a separation filling in) are heard at once.
    if (m_planDirty && isPlaying())
        rebuildPlanIfNeeded();
    if (m_recorder.isRecording()) {
        m_recorder.poll();
        Q_EMIT liveNotes(m_recorder.track(), m_recorder.notes(positionFrame()));
    }
    Q_EMIT positionChanged(positionSeconds(), isPlaying());
    Q_EMIT masterPeaks(m_engine->takeMasterPeak(0), m_engine->takeMasterPeak(1));
    const qint64 wallMs = m_cpuWall.elapsed();
    if (wallMs >= 1000) {
        const std::clock_t now = std::clock();
        m_cpuPercent = 100.0 * double(now - m_cpuStart) / CLOCKS_PER_SEC / (wallMs / 1000.0);
        m_cpuStart = now;
        m_cpuWall.restart();
    }
    Q_EMIT statusChanged(audioRunning(), deviceText(), m_engine->xruns(), m_cpuPercent);
}

} // namespace mirstudio
