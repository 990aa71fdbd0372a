// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the engine tests: deterministic source WAVs and small sessions.
#pragma once

#include "core/media/audiofilewriter.h"
#include "core/session/sessiondata.h"

#include <QDir>
#include <QTemporaryDir>

#include <cmath>
#include <memory>

namespace enginetest {

/** A deterministic, distinct signal per (seed, channel): a sine plus a ramp, within +-0.5. */
inline float signal(int seed, int channel, std::int64_t i)
{
    return float(0.3 * std::sin(0.01 * double(i) * (seed + 1) + channel) +
                 0.2 * double((i * (seed + 3) + channel * 17) % 101) / 100.0);
}

/** Writes `a` as a float WAV named `name`.wav in `dir`; returns its pool entry (a fresh id). */
inline mirstudio::MediaSource writtenSource(const QTemporaryDir &dir, const QString &name,
                                            const mirstudio::media::AudioData &a)
{
    using namespace mirstudio;
    MediaSource s;
    s.id = SourceId::create();
    s.kind = MediaSource::Kind::Audio;
    s.path = dir.filePath(name + QStringLiteral(".wav"));
    s.sampleRate = a.sampleRate;
    s.channels = int(a.channels.size());
    s.frames = a.frames();
    media::writeAudio(s.path, a, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
    return s;
}

/** Writes `a` (writtenSource) and adds it to `session`'s pool as `*id`. */
inline void addAudio(mirstudio::SessionData &session, const QTemporaryDir &dir, const QString &name,
                     const mirstudio::media::AudioData &a, mirstudio::SourceId *id)
{
    auto s = std::make_shared<mirstudio::MediaSource>(writtenSource(dir, name, a));
    session.pool.add(s);
    *id = s->id;
}

/** Writes a float WAV of `frames` frames and adds it to `session`'s pool; returns its data. */
inline mirstudio::media::AudioData addSource(mirstudio::SessionData &session, const QTemporaryDir &dir,
                                             int seed, int channels, std::int64_t frames,
                                             mirstudio::SourceId *id)
{
    using namespace mirstudio;
    media::AudioData a = media::AudioData::silence(channels, frames, session.sampleRate);
    for (int c = 0; c < channels; ++c)
        for (std::int64_t i = 0; i < frames; ++i)
            a.channels[std::size_t(c)][std::size_t(i)] = signal(seed, c, i);
    addAudio(session, dir, QStringLiteral("src%1").arg(seed), a, id);
    return a;
}

/** A stem-group track of `stems` (named stem0, stem1...) separated from `original`. */
inline mirstudio::Track stemGroup(const std::vector<mirstudio::SourceId> &stems,
                                  const mirstudio::SourceId &original)
{
    using namespace mirstudio;
    Track t;
    t.id = TrackId::create();
    t.kind = Track::Kind::StemGroup;
    for (const SourceId &s : stems)
        t.stems.push_back({s, QStringLiteral("stem%1").arg(t.stems.size())});
    Provenance p;
    p.plugin = QStringLiteral("test");
    p.inputs = {original};
    t.provenance = p;
    return t;
}

inline mirstudio::Track audioTrack(const mirstudio::SourceId &source, std::int64_t start,
                                   std::int64_t offset, std::int64_t length, double gainDb = 0.0)
{
    using namespace mirstudio;
    Track t;
    t.id = TrackId::create();
    t.kind = Track::Kind::Audio;
    t.gainDb = gainDb;
    Clip c;
    c.id = ClipId::create();
    c.source = source;
    c.start = start;
    c.offset = offset;
    c.length = length;
    t.clips.push_back(c);
    return t;
}

/** A MIDI track of one clip at 0 holding `notes` (ticks of the session tempo map). */
inline mirstudio::Track midiTrack(std::vector<mirstudio::MidiNote> notes, std::int64_t length)
{
    using namespace mirstudio;
    Track t;
    t.id = TrackId::create();
    t.kind = Track::Kind::Midi;
    Clip c;
    c.id = ClipId::create();
    c.length = length;
    c.notes = std::move(notes);
    t.clips.push_back(c);
    return t;
}

} // namespace enginetest
