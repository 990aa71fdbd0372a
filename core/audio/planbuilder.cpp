// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/planbuilder.h"

#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "core/media/resampler.h"

#include <QFileInfo>

#include <algorithm>
#include <set>

namespace mirstudio {

namespace {

std::uint8_t clamp7(int v)
{
    return std::uint8_t(std::clamp(v, 0, 127));
}

} // namespace

void PlanBuilder::clearCache()
{
    m_audio.clear();
    m_midi.clear();
}

std::shared_ptr<const media::AudioData> PlanBuilder::audioFor(const MediaSource &source, int rate)
{
    const QString key = source.path + QLatin1Char('@') + QString::number(rate);
    if (auto it = m_audio.constFind(key); it != m_audio.constEnd())
        return it.value();
    if (!QFileInfo::exists(source.path))
        throw media::MediaError(source.path, QStringLiteral("media file is missing (the session "
                                                            "refers to it but it does not exist)"));
    media::AudioData data = media::readAudio(source.path);
    if (data.sampleRate != rate && data.frames() > 0)
        data = media::resample(data, rate);
    data.sampleRate = rate;
    auto shared = std::make_shared<const media::AudioData>(std::move(data));
    m_audio.insert(key, shared);
    return shared;
}

std::shared_ptr<const media::MidiFile> PlanBuilder::midiFor(const MediaSource &source)
{
    if (auto it = m_midi.constFind(source.path); it != m_midi.constEnd())
        return it.value();
    if (!QFileInfo::exists(source.path))
        throw media::MediaError(source.path, QStringLiteral("media file is missing (the session "
                                                            "refers to it but it does not exist)"));
    auto shared = std::make_shared<const media::MidiFile>(media::readMidiFile(source.path));
    m_midi.insert(source.path, shared);
    return shared;
}

void PlanBuilder::addMidiClip(const SessionData &session, const Clip &clip, int trackIndex,
                              int channel, PlaybackPlan &plan)
{
    using Ev = PlaybackPlan::MidiEvent;
    const int rate = session.sampleRate;
    const std::int64_t origin = clip.start - clip.offset; // where the source's tick 0 lies
    const std::int64_t end = clip.start + std::max<std::int64_t>(0, clip.length);
    const auto ch = std::uint8_t(channel);
    std::set<int> sourceChannels;
    plan.length = std::max(plan.length, end);
    for (const MidiNote &n : clip.notes) {
        const std::int64_t on = origin + session.tempoMap.frameAt(double(n.start), rate);
        if (on < clip.start || on >= end || n.velocity <= 0)
            continue;
        std::int64_t off = origin + session.tempoMap.frameAt(double(n.start + std::max<std::int64_t>(0, n.length)), rate);
        off = std::clamp(off, on, end);
        plan.midiEvents.push_back({on, Ev::NoteOn, ch, clamp7(n.pitch), clamp7(n.velocity), trackIndex});
        plan.midiEvents.push_back({off, Ev::NoteOff, ch, clamp7(n.pitch), 0, trackIndex});
        sourceChannels.insert(n.channel);
        plan.length = std::max(plan.length, off);
    }
    // Instrument and controllers come from the clip's source file, on the channels its notes use;
    // what happens before the clip starts is chased to the clip start.
    const auto source = session.pool.source(clip.source);
    if (!source || source->kind != MediaSource::Kind::Midi || sourceChannels.empty())
        return;
    const auto file = midiFor(*source);
    auto at = [&](std::int64_t tick) {
        return std::max(clip.start, origin + file->tempoMap.frameAt(double(tick), rate));
    };
    for (const auto &t : file->tracks) {
        for (const auto &p : t.programChanges)
            if (sourceChannels.count(p.channel) && at(p.tick) < end)
                plan.midiEvents.push_back({at(p.tick), Ev::Program, ch, clamp7(p.program), 0, trackIndex});
        for (const auto &c : t.controlChanges)
            if (sourceChannels.count(c.channel) && c.controller < 120 && at(c.tick) < end)
                plan.midiEvents.push_back({at(c.tick), Ev::Control, ch, clamp7(c.controller),
                                           clamp7(c.value), trackIndex});
    }
}

PlaybackPlan::ClipPlacement PlanBuilder::wholeSource(const SessionData &session, const SourceId &id,
                                                     double gainDb, int rate)
{
    PlaybackPlan::ClipPlacement cp;
    const auto source = session.pool.source(id);
    if (!source || source->kind != MediaSource::Kind::Audio)
        return cp;
    cp.audio = audioFor(*source, rate);
    cp.length = cp.audio->frames();
    cp.gain = PlaybackPlan::dbToGain(gainDb);
    return cp;
}

void PlanBuilder::addStemGroup(const SessionData &session, const Track &track,
                               PlaybackPlan::PlannedTrack &pt, PlaybackPlan &plan)
{
    const int rate = plan.sampleRate;
    const bool anySolo = std::any_of(track.stems.begin(), track.stems.end(),
                                     [](const StemLane &l) { return l.solo; });
    for (const StemLane &lane : track.stems) {
        PlaybackPlan::ClipPlacement cp = wholeSource(session, lane.source, lane.gainDb, rate);
        plan.length = std::max(plan.length, cp.length);
        if (cp.audio && !lane.mute && (!anySolo || lane.solo))
            pt.clips.push_back(cp);
        pt.stems.push_back(std::move(cp));
    }
    if (track.provenance && !track.provenance->inputs.isEmpty())
        pt.original = wholeSource(session, track.provenance->inputs.front(), 0.0, rate);
}

std::shared_ptr<const PlaybackPlan> PlanBuilder::build(const SessionData &session)
{
    m_warnings.clear();
    auto plan = std::make_shared<PlaybackPlan>();
    const int rate = session.sampleRate > 0 ? session.sampleRate : 48000;
    plan->sampleRate = rate;
    plan->loopStart = std::max<std::int64_t>(0, session.loop.start);
    plan->loopEnd = std::max(plan->loopStart, session.loop.end);
    plan->loopEnabled = session.loop.enabled && plan->loopEnd > plan->loopStart;

    const bool anySolo = std::any_of(session.tracks.begin(), session.tracks.end(),
                                     [](const Track &t) { return t.solo; });
    int nextMelodic = 0;
    for (int ti = 0; ti < int(session.tracks.size()); ++ti) {
        const Track &track = session.tracks[std::size_t(ti)];
        PlaybackPlan::PlannedTrack pt;
        pt.midi = track.kind == Track::Kind::Midi;
        pt.audible = !track.mute && (!anySolo || track.solo);
        const float gain = PlaybackPlan::dbToGain(track.gainDb);
        PlaybackPlan::panGains(track.pan, pt.gainLeft, pt.gainRight);
        pt.gainLeft *= gain;
        pt.gainRight *= gain;
        if (track.kind == Track::Kind::Audio) {
            for (const Clip &c : track.clips) {
                const auto source = session.pool.source(c.source);
                if (!source || source->kind != MediaSource::Kind::Audio || c.length <= 0)
                    continue;
                PlaybackPlan::ClipPlacement cp;
                cp.audio = audioFor(*source, rate);
                cp.start = c.start;
                cp.offset = std::max<std::int64_t>(0, c.offset);
                cp.length = c.length;
                cp.gain = PlaybackPlan::dbToGain(c.gainDb);
                plan->length = std::max(plan->length, cp.start + cp.length);
                pt.clips.push_back(std::move(cp));
            }
        } else if (track.kind == Track::Kind::StemGroup) {
            addStemGroup(session, track, pt, *plan);
        } else if (pt.midi) {
            bool drums = false, any = false;
            for (const Clip &c : track.clips)
                for (const MidiNote &n : c.notes) {
                    drums = (any ? drums : true) && n.channel == 9;
                    any = true;
                }
            if (!track.midiOutput.isEmpty()) {
                // Sent to a MIDI output instead of the synth, on channel 10 for drums, else 1.
                const std::string port = track.midiOutput.toStdString();
                auto it = std::find(plan->midiOutputs.begin(), plan->midiOutputs.end(), port);
                if (it == plan->midiOutputs.end())
                    it = plan->midiOutputs.insert(plan->midiOutputs.end(), port);
                pt.midiOutPort = int(it - plan->midiOutputs.begin());
                for (const Clip &c : track.clips)
                    addMidiClip(session, c, ti, drums ? 9 : 0, *plan);
            } else if (drums) {
                pt.synthChannel = 9;
            } else if (nextMelodic < 15) {
                pt.synthChannel = nextMelodic < 9 ? nextMelodic : nextMelodic + 1;
                ++nextMelodic;
            } else {
                m_warnings << QStringLiteral("MIDI track '%1' is not voiced: the synth has 16 "
                                             "channels").arg(track.name);
            }
            if (pt.synthChannel >= 0 && track.recordArm && plan->thruTrack < 0) {
                plan->thruChannel = pt.synthChannel;
                plan->thruTrack = ti;
            }
            if (pt.synthChannel >= 0)
                for (const Clip &c : track.clips)
                    addMidiClip(session, c, ti, pt.synthChannel, *plan);
        }
        plan->tracks.push_back(std::move(pt));
    }
    std::stable_sort(plan->midiEvents.begin(), plan->midiEvents.end(),
                     [](const PlaybackPlan::MidiEvent &x, const PlaybackPlan::MidiEvent &y) {
                         return x.frame != y.frame ? x.frame < y.frame : x.kind < y.kind;
                     });
    return plan;
}

} // namespace mirstudio
