// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/jobresultimporter.h"

#include "core/host/mediaconversion.h"
#include "core/media/audiofilewriter.h"
#include "core/media/mediaerror.h"
#include "core/media/resampler.h"
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addstemgroupcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>
#include <memory>

namespace mirstudio {

namespace {

std::int64_t framesAt(double seconds, int rate)
{
    return std::llround(seconds * rate);
}

QString safeName(QString text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_-]+"));
    return text.replace(unsafe, QStringLiteral("_"));
}

} // namespace

JobResultImporter::JobResultImporter(Session *session, QString mediaFolder)
    : m_session(session), m_mediaFolder(std::move(mediaFolder))
{
}

Provenance JobResultImporter::provenanceOf(const JobInfo &job, const QList<SourceId> &inputs)
{
    Provenance p;
    p.plugin = job.request.plugin;
    p.version = job.pluginVersion;
    p.method = job.request.method;
    p.params = QJsonObject::fromVariantMap(job.resolvedParams);
    p.inputs = inputs;
    p.createdAt = QDateTime::currentDateTimeUtc();
    return p;
}

QString JobResultImporter::writeAudio(const sdk::AudioBuffer &audio, const QString &name, QStringList *written) const
{
    media::AudioData data = MediaConversion::toAudioData(audio);
    if (data.sampleRate != m_session->sampleRate())
        data = media::resample(data, m_session->sampleRate());
    if (!QDir().mkpath(m_mediaFolder))
        throw media::MediaError(m_mediaFolder, QStringLiteral("cannot create the media folder"));
    const QString path = QDir(m_mediaFolder).filePath(QStringLiteral("%1-%2.wav")
        .arg(safeName(name), QUuid::createUuid().toString(QUuid::Id128).left(8)));
    media::writeAudio(path, data, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
    written->append(path);
    return path;
}

QList<TrackId> JobResultImporter::import(const JobInfo &job, const QList<SourceId> &inputs)
{
    const Provenance provenance = provenanceOf(job, inputs);
    const int rate = m_session->sampleRate();
    const QString title = QStringLiteral("%1 %2").arg(job.request.plugin, job.request.method);
    auto parent = std::make_unique<QUndoCommand>(QCoreApplication::translate("mirstudio", "Add %1 result").arg(title));
    QList<TrackId> tracks;
    QStringList written;
    auto source = [&](const sdk::AudioBuffer &audio, const QString &name) {
        MediaSource s;
        s.id = SourceId::create();
        s.kind = MediaSource::Kind::Audio;
        s.path = writeAudio(audio, title + QLatin1Char(' ') + name, &written);
        s.sampleRate = rate;
        s.channels = audio.channelCount();
        s.frames = framesAt(double(audio.frameCount()) / audio.sampleRate, rate);
        s.provenance = provenance;
        return s;
    };
    try {
        for (auto it = job.outputs.cbegin(); it != job.outputs.cend(); ++it) {
            Track track;
            track.id = TrackId::create();
            track.name = title + QStringLiteral(" — ") + it.key();
            track.provenance = provenance;
            if (const auto *stems = std::get_if<sdk::StemSet>(&it.value())) {
                std::vector<std::pair<QString, MediaSource>> lanes;
                for (const QString &name : stems->order)
                    lanes.emplace_back(name, source(stems->stems.value(name), name));
                tracks << (new AddStemGroupCommand(m_session, track.name, lanes, provenance, parent.get()))->trackId();
                continue;
            }
            if (const auto *audio = std::get_if<sdk::AudioBuffer>(&it.value())) {
                const MediaSource s = source(*audio, it.key());
                new AddSourceCommand(m_session, s, parent.get());
                track.kind = Track::Kind::Audio;
                track.clips.push_back(Clip{ClipId::create(), s.id, 0, 0, s.frames, 0.0, {}, provenance});
            } else if (const auto *notes = std::get_if<sdk::NoteSequence>(&it.value())) {
                track.kind = Track::Kind::Midi;
                const media::TempoMap &tempo = m_session->tempoMap();
                Clip clip{ClipId::create(), {}, 0, 0, 0, 0.0, {}, provenance};
                double end = notes->duration;
                for (const sdk::Note &n : notes->notes) {
                    const std::int64_t start = std::llround(tempo.tickAt(n.start));
                    const std::int64_t stop = std::llround(tempo.tickAt(n.start + n.duration));
                    clip.notes.push_back({n.pitch, n.velocity, start, std::max<std::int64_t>(1, stop - start), n.channel});
                    end = std::max(end, n.start + n.duration);
                }
                clip.length = framesAt(end, rate);
                track.clips.push_back(clip);
            } else if (const auto *set = std::get_if<sdk::AnnotationSet>(&it.value())) {
                track.kind = Track::Kind::Annotation;
                if (!set->kind.isEmpty())
                    track.name = title + QStringLiteral(" — ") + set->kind;
                for (const sdk::Annotation &a : set->items) {
                    AnnotationItem item;
                    item.kind = a.duration > 0.0 ? AnnotationItem::Kind::Region
                                                 : (a.hasValue ? AnnotationItem::Kind::Value : AnnotationItem::Kind::Label);
                    item.start = framesAt(a.time, rate);
                    item.length = a.duration > 0.0 ? framesAt(a.duration, rate) : 0;
                    item.text = a.label;
                    item.value = a.value;
                    track.items.push_back(item);
                }
            } else {
                continue; // latent sets and matrices have no lane on the timeline
            }
            tracks << track.id;
            new AddTrackCommand(m_session, std::move(track), -1, parent.get());
        }
    } catch (...) {
        for (const QString &f : std::as_const(written))
            QFile::remove(f);
        throw;
    }
    if (parent->childCount() > 0)
        m_session->push(parent.release());
    return tracks;
}

} // namespace mirstudio
