// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/jobinputs.h"

#include "core/host/mediaconversion.h"
#include "core/media/audiofile.h"
#include "core/session/session.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace mirstudio {

namespace {

/** The first selected clip on a track of `kind`, else the session's first such clip. */
widgets::ClipRef pick(const Session &session, Track::Kind kind, const std::vector<widgets::ClipRef> &selection)
{
    for (const widgets::ClipRef &r : selection)
        if (const Track *t = session.track(r.track); t && t->kind == kind && session.clip(r.track, r.clip))
            return r;
    for (const Track &t : session.tracks())
        if (t.kind == kind && !t.clips.empty())
            return {t.id, t.clips.front().id};
    return {};
}

} // namespace

sdk::AudioBuffer JobInputs::clipAudio(const Session &session, const TrackId &track, const ClipId &clipId)
{
    const Clip *clip = session.clip(track, clipId);
    const auto source = clip ? session.mediaPool().source(clip->source) : nullptr;
    if (!source)
        return {};
    media::AudioFileReader reader(source->path);
    const double ratio = double(reader.info().sampleRate) / session.sampleRate();
    const auto first = std::llround(double(clip->offset) * ratio);
    const auto frames = std::llround(double(clip->length) * ratio);
    reader.seek(std::clamp<std::int64_t>(first, 0, reader.info().frames));
    return MediaConversion::toAudioBuffer(reader.readFrames(frames));
}

sdk::NoteSequence JobInputs::clipNotes(const Session &session, const TrackId &track, const ClipId &clipId)
{
    sdk::NoteSequence seq;
    const Clip *clip = session.clip(track, clipId);
    if (!clip)
        return seq;
    const auto &map = session.tempoMap();
    const int rate = session.sampleRate();
    const double origin = map.tickAtFrame(clip->start - clip->offset, rate);
    const double clipStart = double(clip->start) / rate;
    seq.bpm = map.bpmAt(origin);
    seq.ticksPerQuarter = map.ppq();
    seq.beatsPerBar = map.timeSignatureAt(origin).numerator;
    seq.duration = double(clip->length) / rate;
    for (const MidiNote &n : clip->notes) {
        const double on = map.secondsAt(origin + double(n.start)) - clipStart;
        const double off = map.secondsAt(origin + double(n.start + n.length)) - clipStart;
        if (on < 0 || on >= seq.duration || off <= on)
            continue;
        seq.notes.push_back({n.pitch, std::max(1, n.velocity), on, std::min(off, seq.duration) - on, n.channel, 0});
    }
    return seq;
}

bool JobInputs::build(const Session &session, const sdk::MethodSpec &method,
                      const std::vector<widgets::ClipRef> &selection, sdk::ValueMap *inputs,
                      QList<SourceId> *sources, QString *error)
{
    for (const sdk::PortSpec &port : method.inputs) {
        widgets::ClipRef ref;
        if (port.kind == sdk::ValueKind::Audio)
            ref = pick(session, Track::Kind::Audio, selection);
        else if (port.kind == sdk::ValueKind::Notes)
            ref = pick(session, Track::Kind::Midi, selection);
        if (ref.clip.isNull()) {
            if (port.optional)
                continue;
            *error = QCoreApplication::translate("JobInputs", "\"%1\" needs %2 input that the timeline cannot give: select a clip of the right kind")
                         .arg(method.name, port.name);
            return false;
        }
        if (port.kind == sdk::ValueKind::Audio)
            inputs->insert(port.id, clipAudio(session, ref.track, ref.clip));
        else
            inputs->insert(port.id, clipNotes(session, ref.track, ref.clip));
        if (const Clip *c = session.clip(ref.track, ref.clip); c && !c->source.isNull())
            sources->append(c->source);
    }
    return true;
}

} // namespace mirstudio
