// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/demosession.h"

#include "app/cli/demoarrangement.h"
#include "core/audio/offlinebounce.h"
#include "core/audio/soundfontlocator.h"
#include "core/media/audiofilewriter.h"
#include "core/media/midifilewriter.h"
#include "core/session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <stdexcept>

namespace mirstudio::cli {

namespace {

template<typename Id>
Id stableId(const QString &name)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("{6d1f0c3e-5a7b-4f59-9c1e-2b8f8e0d7a11}"));
    return Id::fromString(QUuid::createUuidV5(ns, name).toString());
}

Provenance demoProvenance(const QString &method, const QJsonObject &params, QList<SourceId> inputs)
{
    Provenance p;
    p.plugin = QStringLiteral("mirstudio-cli");
    p.version = QCoreApplication::applicationVersion();
    p.method = method;
    p.params = params;
    p.inputs = std::move(inputs);
    p.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return p;
}

std::shared_ptr<MediaSource> source(const QString &name, MediaSource::Kind kind, const QString &path,
                                    int rate, int channels, std::int64_t frames, Provenance provenance)
{
    auto s = std::make_shared<MediaSource>();
    s->id = stableId<SourceId>(QStringLiteral("source:") + name);
    s->kind = kind;
    s->path = path;
    s->sampleRate = rate;
    s->channels = channels;
    s->frames = frames;
    s->provenance = std::move(provenance);
    return s;
}

} // namespace

DemoFiles makeDemo(const QString &dirPath)
{
    QDir dir(dirPath);
    if (!dir.mkpath(QStringLiteral(".")))
        throw std::runtime_error(("cannot create folder " + dirPath).toStdString());
    DemoFiles files;
    files.midi = dir.absoluteFilePath(QStringLiteral("demo.mid"));
    files.audio = dir.absoluteFilePath(QStringLiteral("demo.flac"));
    files.session = dir.absoluteFilePath(QStringLiteral("demo.mirstudio"));

    const media::MidiFile midi = demoArrangement();
    media::writeMidiFile(files.midi, midi, 1);

    constexpr int kRate = 44100;
    SessionData data;
    data.name = QStringLiteral("MIR Studio demo");
    data.sampleRate = kRate;
    data.tempoMap = midi.tempoMap;
    data.tempoMap.setPpq(960);
    const int ppqScale = 960 / midi.ppq;
    const std::int64_t songFrames = midi.tempoMap.frameAt(double(midi.lengthTicks()), kRate);

    auto midiSource = source(QStringLiteral("demo.mid"), MediaSource::Kind::Midi, files.midi,
                             kRate, 0, songFrames,
                             demoProvenance(QStringLiteral("make-demo/compose"), {}, {}));
    data.pool.add(midiSource);

    const QStringList colours = {QStringLiteral("#e07a5f"), QStringLiteral("#81b29a"),
                                 QStringLiteral("#f2cc8f"), QStringLiteral("#9a8c98")};
    int index = 0;
    for (const auto &mt : midi.tracks) {
        if (mt.notes.empty())
            continue; // the conductor track
        Track t;
        t.id = stableId<TrackId>(QStringLiteral("track:") + mt.name);
        t.kind = Track::Kind::Midi;
        t.name = mt.name;
        t.colour = QColor(colours[index++ % colours.size()]);
        Clip c;
        c.id = stableId<ClipId>(QStringLiteral("clip:") + mt.name);
        c.source = midiSource->id;
        c.length = songFrames;
        for (const auto &n : mt.notes)
            c.notes.push_back({n.pitch, n.velocity, n.startTick * ppqScale,
                               (n.endTick - n.startTick) * ppqScale, n.channel});
        t.clips.push_back(c);
        data.tracks.push_back(t);
    }

    // The mix is bounced through the playback engine itself, so it sounds as playback does.
    OfflineBounce::Options bounce;
    bounce.format = {media::AudioContainer::Flac, media::AudioSampleFormat::Pcm16};
    files.soundFont = bounce.engine.soundFont.isEmpty() ? SoundFontLocator::defaultSoundFont()
                                                         : bounce.engine.soundFont;
    const std::int64_t mixFrames = OfflineBounce::renderToFile(data, files.audio, bounce);

    auto audioSource = source(QStringLiteral("demo.flac"), MediaSource::Kind::Audio, files.audio,
                              kRate, 2, mixFrames,
                              demoProvenance(QStringLiteral("make-demo/render"),
                                             {{QStringLiteral("soundfont"), QFileInfo(files.soundFont).fileName()},
                                              {QStringLiteral("sampleRate"), kRate}},
                                             {midiSource->id}));
    data.pool.add(audioSource);

    Track mix;
    mix.id = stableId<TrackId>(QStringLiteral("track:mix"));
    mix.kind = Track::Kind::Audio;
    mix.name = QStringLiteral("Demo mix (rendered)");
    mix.colour = QColor(QStringLiteral("#4f86c6"));
    mix.mute = true; // the MIDI tracks play the same music through the synth
    Clip mixClip;
    mixClip.id = stableId<ClipId>(QStringLiteral("clip:mix"));
    mixClip.source = audioSource->id;
    mixClip.length = mixFrames;
    mix.clips.push_back(mixClip);
    data.tracks.insert(data.tracks.begin(), mix);

    Track chords;
    chords.id = stableId<TrackId>(QStringLiteral("track:chords"));
    chords.kind = Track::Kind::Annotation;
    chords.name = QStringLiteral("Chords");
    chords.colour = QColor(QStringLiteral("#3d405b"));
    const QStringList symbols = demoChordsPerBar();
    for (int bar = 0; bar < symbols.size(); ++bar) {
        AnnotationItem item;
        item.kind = AnnotationItem::Kind::Region;
        item.start = data.tempoMap.frameAt(double(data.tempoMap.tickOfBar(bar + 1)), kRate);
        item.length = data.tempoMap.frameAt(double(data.tempoMap.tickOfBar(bar + 2)), kRate) - item.start;
        item.text = symbols[bar];
        chords.items.push_back(item);
    }
    data.tracks.push_back(chords);
    data.loop = LoopRange{0, songFrames / 2, false};

    Session session;
    session.reset(std::move(data));
    session.save(files.session);
    return files;
}

} // namespace mirstudio::cli
