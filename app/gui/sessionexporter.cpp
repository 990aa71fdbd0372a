// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/sessionexporter.h"

#include "core/media/atomicfile.h"
#include "core/media/audiofile.h"
#include "core/media/audiofilewriter.h"
#include "core/media/midifilewriter.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace mirstudio {

namespace {

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString seconds(std::int64_t frames, int rate)
{
    return QString::number(double(frames) / rate, 'f', 6);
}

void writeText(const QString &path, const QString &text)
{
    media::AtomicFile::writeFile(path, text.toUtf8());
}

const char *kindName(AnnotationItem::Kind k)
{
    switch (k) {
    case AnnotationItem::Kind::Region:
        return "region";
    case AnnotationItem::Kind::Label:
        return "label";
    case AnnotationItem::Kind::Value:
        return "value";
    }
    return "";
}

} // namespace

QString SessionExporter::fileSafe(const QString &name)
{
    QString s = name;
    s.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]")), QStringLiteral("_"));
    s = s.trimmed();
    return s.isEmpty() ? QStringLiteral("untitled") : s;
}

std::int64_t SessionExporter::exportMixdown(const QString &path, const OfflineBounce::Progress &progress) const
{
    OfflineBounce::Options options;
    if (QFileInfo(path).suffix().compare(QLatin1String("flac"), Qt::CaseInsensitive) == 0)
        options.format = {media::AudioContainer::Flac, media::AudioSampleFormat::Pcm24};
    else
        options.format = {media::AudioContainer::Wav, media::AudioSampleFormat::Float32};
    return OfflineBounce::renderToFile(m_data, path, options, progress);
}

QStringList SessionExporter::exportStems(const QString &folder) const
{
    QStringList written;
    QDir().mkpath(folder);
    for (const Track &t : m_data.tracks) {
        if (t.kind != Track::Kind::StemGroup)
            continue;
        for (const StemLane &stem : t.stems) {
            const auto source = m_data.pool.source(stem.source);
            if (!source)
                continue;
            media::AudioData audio = media::readAudio(source->path);
            const float gain = float(std::pow(10.0, (t.gainDb + stem.gainDb) / 20.0));
            for (auto &ch : audio.channels)
                for (float &v : ch)
                    v *= gain;
            const QString path = QDir(folder).filePath(
                QStringLiteral("%1_(%2).wav").arg(fileSafe(t.name), fileSafe(stem.name)));
            media::writeAudio(path, audio, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
            written << path;
        }
    }
    return written;
}

int SessionExporter::exportMidi(const QString &path, int ppq) const
{
    const auto &map = m_data.tempoMap;
    media::MidiFile file(map.ppq());
    file.format = 1;
    file.tempoMap = map;
    file.tracks.push_back({}); // conductor
    int notes = 0;
    int channel = 0;
    for (const Track &t : m_data.tracks) {
        if (t.kind != Track::Kind::Midi)
            continue;
        media::MidiTrack mt;
        mt.name = t.name;
        for (const Clip &c : t.clips) {
            const double origin = map.tickAtFrame(c.start - c.offset, m_data.sampleRate);
            const double first = map.tickAtFrame(c.start, m_data.sampleRate);
            const double last = map.tickAtFrame(c.start + c.length, m_data.sampleRate);
            for (const MidiNote &n : c.notes) {
                const double on = origin + double(n.start);
                if (on < first - 1e-6 || on >= last)
                    continue;
                media::MidiNote out;
                out.pitch = n.pitch;
                out.velocity = n.velocity;
                out.channel = n.channel;
                out.startTick = std::llround(on);
                out.endTick = std::llround(std::min(last, on + double(n.length)));
                mt.notes.push_back(out);
                ++notes;
            }
        }
        std::sort(mt.notes.begin(), mt.notes.end(), [](const auto &a, const auto &b) {
            return a.startTick != b.startTick ? a.startTick < b.startTick : a.pitch < b.pitch;
        });
        mt.channel = mt.notes.empty() ? channel : mt.notes.front().channel;
        ++channel;
        file.tracks.push_back(std::move(mt));
    }
    media::MidiWriteOptions options;
    options.format = 1;
    options.ppq = ppq;
    media::writeMidiFile(path, file, options);
    return notes;
}

QStringList SessionExporter::exportAnnotations(const QString &folder) const
{
    QStringList written;
    QDir().mkpath(folder);
    const int rate = m_data.sampleRate;
    for (const Track &t : m_data.tracks) {
        if (t.kind != Track::Kind::Annotation)
            continue;
        auto items = t.items;
        std::stable_sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.start < b.start; });
        QString csv = QStringLiteral("start,duration,kind,label,value\n");
        QString lab;
        std::int64_t end = 0;
        for (const Track &other : m_data.tracks)
            for (const Clip &c : other.clips)
                end = std::max(end, c.start + c.length);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const AnnotationItem &it = items[i];
            csv += QStringLiteral("%1,%2,%3,%4,%5\n").arg(seconds(it.start, rate), seconds(it.length, rate),
                QString::fromLatin1(kindName(it.kind)), csvField(it.text), QString::number(it.value, 'g', 10));
            if (it.kind == AnnotationItem::Kind::Value)
                continue;
            std::int64_t stop = it.start + it.length;
            if (it.kind == AnnotationItem::Kind::Label) {
                stop = std::max(end, it.start);
                for (std::size_t j = i + 1; j < items.size(); ++j)
                    if (items[j].kind == AnnotationItem::Kind::Label && items[j].start > it.start) {
                        stop = items[j].start;
                        break;
                    }
            }
            lab += QStringLiteral("%1\t%2\t%3\n").arg(seconds(it.start, rate), seconds(stop, rate), it.text);
        }
        const QString base = QDir(folder).filePath(fileSafe(t.name));
        writeText(base + QStringLiteral(".csv"), csv);
        writeText(base + QStringLiteral(".lab"), lab);
        written << base + QStringLiteral(".csv") << base + QStringLiteral(".lab");
    }
    return written;
}

} // namespace mirstudio
