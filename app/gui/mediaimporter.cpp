// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mediaimporter.h"

#include "core/media/audiofile.h"
#include "core/media/midifilereader.h"
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "core/session/settempomapcommand.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace mirstudio {

namespace {

bool isMidi(const QString &path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    return s == QLatin1String("mid") || s == QLatin1String("midi") || s == QLatin1String("smf");
}

QString tr(const char *text)
{
    return QCoreApplication::translate("MediaImporter", text);
}

} // namespace

bool MediaImporter::canImport(const QString &path)
{
    static const QStringList audio = {QStringLiteral("wav"), QStringLiteral("flac"), QStringLiteral("ogg"),
        QStringLiteral("mp3"), QStringLiteral("aif"), QStringLiteral("aiff"), QStringLiteral("opus")};
    return isMidi(path) || audio.contains(QFileInfo(path).suffix().toLower());
}

std::vector<TrackId> MediaImporter::import(const QStringList &paths, std::int64_t atFrame)
{
    std::vector<TrackId> made;
    m_errors.clear();
    Session::Macro macro(m_session, tr("Import files"));
    for (const QString &path : paths) {
        try {
            if (!canImport(path))
                m_errors << tr("%1: not an audio or MIDI file").arg(path);
            else if (isMidi(path))
                importMidi(QFileInfo(path).absoluteFilePath(), atFrame, made);
            else
                importAudio(QFileInfo(path).absoluteFilePath(), atFrame, made);
        } catch (const std::exception &e) {
            m_errors << QString::fromUtf8(e.what());
        }
    }
    return made;
}

void MediaImporter::importAudio(const QString &path, std::int64_t atFrame, std::vector<TrackId> &made)
{
    const media::AudioFileInfo info = media::probeAudio(path);
    MediaSource src;
    src.id = SourceId::create();
    src.kind = MediaSource::Kind::Audio;
    src.path = path;
    src.sampleRate = info.sampleRate;
    src.channels = info.channels;
    src.frames = info.frames;
    m_session.push(new AddSourceCommand(&m_session, src));
    Track t;
    t.id = TrackId::create();
    t.kind = Track::Kind::Audio;
    t.name = QFileInfo(path).completeBaseName();
    Clip c;
    c.id = ClipId::create();
    c.source = src.id;
    c.start = atFrame;
    c.length = std::llround(double(info.frames) * m_session.sampleRate() / info.sampleRate);
    t.clips.push_back(c);
    m_session.push(new AddTrackCommand(&m_session, t));
    made.push_back(t.id);
}

void MediaImporter::importMidi(const QString &path, std::int64_t atFrame, std::vector<TrackId> &made)
{
    media::MidiFile file = media::readMidiFile(path);
    const bool adoptTempo = m_session.trackCount() == 0;
    if (adoptTempo) {
        media::TempoMap map = file.tempoMap;
        map.setPpq(m_session.tempoMap().ppq());
        m_session.push(new SetTempoMapCommand(&m_session, map, tr("Tempo from %1").arg(QFileInfo(path).fileName())));
    }
    file.setPpq(m_session.tempoMap().ppq());
    const auto &map = m_session.tempoMap();
    const int rate = m_session.sampleRate();
    const double originTick = map.tickAtFrame(atFrame, rate);
    const std::int64_t length = map.frameAt(originTick + double(file.lengthTicks()), rate) - atFrame;
    MediaSource src;
    src.id = SourceId::create();
    src.kind = MediaSource::Kind::Midi;
    src.path = path;
    src.sampleRate = rate;
    src.channels = 0;
    src.frames = length;
    m_session.push(new AddSourceCommand(&m_session, src));
    int index = 0;
    for (const media::MidiTrack &mt : file.tracks) {
        ++index;
        if (mt.notes.empty())
            continue;
        Track t;
        t.id = TrackId::create();
        t.kind = Track::Kind::Midi;
        t.name = mt.name.isEmpty() ? QStringLiteral("%1 %2").arg(QFileInfo(path).completeBaseName()).arg(index)
                                   : mt.name;
        Clip c;
        c.id = ClipId::create();
        c.source = src.id;
        c.start = atFrame;
        c.length = std::max<std::int64_t>(1, length);
        for (const media::MidiNote &n : mt.notes)
            c.notes.push_back({n.pitch, n.velocity, n.startTick, n.endTick - n.startTick, n.channel});
        t.clips.push_back(c);
        m_session.push(new AddTrackCommand(&m_session, t));
        made.push_back(t.id);
    }
}

} // namespace mirstudio
