// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/lanewiring.h"

#include "app/gui/playbackcontroller.h"
#include "widgets/lane.h"
#include "widgets/pianorolllane.h"
#include "widgets/timelineview.h"

namespace mirstudio {

LaneWiring::LaneWiring(widgets::TimelineView *timeline, PlaybackController *playback, QObject *parent)
    : QObject(parent), m_timeline(timeline), m_playback(playback)
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
