// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/lanewiring.h"

#include "app/gui/playbackcontroller.h"
#include "core/media/audiofile.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/pianorolllane.h"
#include "widgets/stemgrouplane.h"
#include "widgets/timelineview.h"

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
    const Track *track = m_session->track(lane->trackId());
    if (!track)
        return;
    for (const StemLane &stem : track->stems)
        if (auto audio = audioOf(stem.source))
            lane->setStemAudio(stem.source, std::move(audio));
    if (track->provenance && !track->provenance->inputs.isEmpty())
        if (auto audio = audioOf(track->provenance->inputs.front()))
            lane->setOriginal(track->provenance->inputs.front(), std::move(audio));
}

std::shared_ptr<const media::AudioData> LaneWiring::audioOf(const SourceId &source)
{
    if (auto cached = m_audio.value(source))
        return cached;
    const auto entry = m_session->mediaPool().source(source);
    if (!entry || entry->kind != MediaSource::Kind::Audio || m_loading.contains(source))
        return nullptr;
    m_loading.insert(source);
    auto *watcher = new QFutureWatcher<std::shared_ptr<const media::AudioData>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, source] {
        m_loading.remove(source);
        if (auto audio = watcher->result()) {
            m_audio.insert(source, audio);
            wireLanes(); // the lanes (maybe rebuilt meanwhile) take it from the cache
        }
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path = entry->path]() -> std::shared_ptr<const media::AudioData> {
        try {
            return std::make_shared<const media::AudioData>(media::readAudio(path));
        } catch (const std::exception &e) {
            qCWarning(lcWiring) << "cannot read" << path << ":" << e.what();
            return nullptr;
        }
    }));
    return nullptr;
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
