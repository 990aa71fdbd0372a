// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/lanewiring.h"

#include "app/gui/playbackcontroller.h"
#include "core/analysis/plainsdr.h"
#include "core/audio/loudnessmeter.h"
#include "core/media/audiofile.h"
#include "core/session/addsourcecommand.h"
#include "core/session/stemlanecommand.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/pianorolllane.h"
#include "widgets/stemgrouplane.h"
#include "widgets/timelineview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcWiring, "mirstudio.app.wiring")

namespace mirstudio {

LaneWiring::LaneWiring(widgets::TimelineView *timeline, PlaybackController *playback, Session *session, QObject *parent)
    : QObject(parent), m_timeline(timeline), m_playback(playback), m_session(session)
{
    connect(m_timeline, &widgets::TimelineView::rowsRebuilt, this, &LaneWiring::wireLanes);
    connect(m_playback, &PlaybackController::liveNotes, this, &LaneWiring::showLiveNotes);
    wireLanes();
}

widgets::NoteAudition *LaneWiring::audition(const TrackId &track)
{
    auto &slot = m_auditions[track];
    if (!slot) {
        slot = std::make_shared<widgets::NoteAudition>();
        slot->setSink([this, track](std::uint8_t status, std::uint8_t data1, std::uint8_t data2) {
            return send(track, status, data1, data2);
        });
    }
    return slot.get();
}

bool LaneWiring::send(const TrackId &track, std::uint8_t status, std::uint8_t data1, std::uint8_t data2)
{
    // The plan decides the track's synth channel; unvoiced tracks stay silent.
    const int channel = m_playback->synthChannel(track);
    if (channel < 0)
        return false;
    const auto message = std::uint8_t((status & 0xF0) | channel);
    if (m_sink)
        return m_sink(message, data1, data2);
    return m_playback->engine()->sendMidi(message, data1, data2);
}

void LaneWiring::wireLanes()
{
    for (widgets::Lane *lane : m_timeline->lanes())
        if (auto *roll = qobject_cast<widgets::PianoRollLane *>(lane))
            roll->setAudition(audition(roll->trackId()));
        else if (auto *stems = qobject_cast<widgets::StemGroupLane *>(lane))
            feedStems(stems);
}

void LaneWiring::feedStems(widgets::StemGroupLane *lane)
{
    static_assert(widgets::StemGroupLane::originalStem == PlaybackController::originalStem
                  && widgets::StemGroupLane::mixStem == PlaybackController::mixStem);
    connect(lane, &widgets::StemGroupLane::auditionRequested, this, &LaneWiring::auditionRequested,
            Qt::UniqueConnection);
    connect(lane, &widgets::StemGroupLane::referenceRequested, this, &LaneWiring::referenceRequested,
            Qt::UniqueConnection);
    const Track *track = m_session->track(lane->trackId());
    if (!track)
        return;
    for (int i = 0; i < int(track->stems.size()); ++i) {
        const StemLane &stem = track->stems[std::size_t(i)];
        if (feedSource(lane, stem.source, false) && !stem.reference.isNull())
            showSdr(lane, i, stem);
    }
    if (track->provenance && !track->provenance->inputs.isEmpty())
        feedSource(lane, track->provenance->inputs.front(), true);
}

bool LaneWiring::feedSource(widgets::StemGroupLane *lane, const SourceId &source, bool original)
{
    Decoded d = audioOf(source);
    if (!d.audio)
        return false;
    lane->setLoudness(source, d.loudness);
    if (original)
        lane->setOriginal(source, std::move(d.audio));
    else
        lane->setStemAudio(source, std::move(d.audio));
    return true;
}

void LaneWiring::showSdr(widgets::StemGroupLane *lane, int index, const StemLane &stem)
{
    const auto key = qMakePair(stem.source, stem.reference);
    auto it = m_sdr.constFind(key);
    if (it == m_sdr.constEnd()) {
        const Decoded reference = audioOf(stem.reference);
        if (!reference.audio)
            return; // shown when the reference is decoded
        // One pass over both signals (tens of ms for a song): computed once per pair.
        it = m_sdr.insert(key, PlainSdr::compute(*reference.audio, *m_audio.value(stem.source).audio));
    }
    lane->setStemMetric(index, QStringLiteral("SDR (plain)"), it.value());
}

void LaneWiring::auditionRequested(int stem, double gainDb)
{
    if (auto *lane = qobject_cast<widgets::StemGroupLane *>(sender()))
        m_playback->setAudition(lane->trackId(), stem, gainDb);
}

void LaneWiring::referenceRequested(int stem)
{
    auto *lane = qobject_cast<widgets::StemGroupLane *>(sender());
    if (!lane)
        return;
    const QString path = QFileDialog::getOpenFileName(lane, tr("Reference Stem"), QString(),
                                                      tr("Audio (*.wav *.flac *.ogg *.aiff *.mp3)"));
    QString error;
    if (!path.isEmpty() && !attachReference(lane->trackId(), stem, path, &error))
        qCWarning(lcWiring).noquote() << error;
}

bool LaneWiring::attachReference(const TrackId &track, int stem, const QString &path, QString *error)
{
    const Track *t = m_session->track(track);
    if (!t || stem < 0 || stem >= int(t->stems.size())) {
        if (error)
            *error = tr("no such stem");
        return false;
    }
    MediaSource src;
    try {
        const media::AudioFileInfo info = media::probeAudio(path);
        src.sampleRate = info.sampleRate;
        src.channels = info.channels;
        src.frames = info.frames;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    src.id = SourceId::create();
    src.kind = MediaSource::Kind::Audio;
    src.path = QFileInfo(path).absoluteFilePath();
    StemLane lane = t->stems[std::size_t(stem)];
    lane.reference = src.id;
    Session::Macro macro(*m_session, tr("Set Reference Stem"));
    m_session->push(new AddSourceCommand(m_session, src));
    m_session->push(new StemLaneCommand(m_session, track, stem, lane));
    return true;
}

LaneWiring::Decoded LaneWiring::audioOf(const SourceId &source)
{
    if (const auto it = m_audio.constFind(source); it != m_audio.constEnd())
        return it.value();
    const auto entry = m_session->mediaPool().source(source);
    if (!entry || entry->kind != MediaSource::Kind::Audio || m_loading.contains(source))
        return {};
    m_loading.insert(source);
    auto *watcher = new QFutureWatcher<Decoded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, source] {
        m_loading.remove(source);
        if (const Decoded d = watcher->result(); d.audio) {
            m_audio.insert(source, d);
            wireLanes(); // the lanes (maybe rebuilt meanwhile) take it from the cache
        }
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path = entry->path]() -> Decoded {
        try {
            auto audio = std::make_shared<const media::AudioData>(media::readAudio(path));
            return {audio, LoudnessMeter::integratedLoudness(*audio)};
        } catch (const std::exception &e) {
            qCWarning(lcWiring) << "cannot read" << path << ":" << e.what();
            return {};
        }
    }));
    return {};
}

widgets::PianoRollLane *LaneWiring::rollOf(const TrackId &track) const
{
    for (widgets::Lane *lane : m_timeline->lanes())
        if (lane->trackId() == track)
            return qobject_cast<widgets::PianoRollLane *>(lane);
    return nullptr;
}

void LaneWiring::showLiveNotes(const TrackId &track, const std::vector<MidiRecorder::Note> &notes)
{
    if (auto *roll = rollOf(track))
        roll->setLiveNotes(notes);
}

} // namespace mirstudio
