// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/session.h"

#include "core/session/sessionjson.h"

#include <QFileInfo>
#include <QUndoCommand>

namespace mirstudio {

Session::Macro::Macro(Session &session, const QString &text) : m_session(session)
{
    m_session.beginMacro(text);
}

Session::Macro::~Macro()
{
    m_session.endMacro();
}

Session::Session(QObject *parent) : QObject(parent) {}

Session::~Session()
{
    // Commands refer to this session; destroy them while it is still whole.
    m_undo.clear();
}

const Clip *Session::clip(const TrackId &trackId, const ClipId &clipId) const
{
    const Track *t = m_data.track(trackId);
    if (!t)
        return nullptr;
    const int i = t->clipIndex(clipId);
    return i < 0 ? nullptr : &t->clips[std::size_t(i)];
}

void Session::push(QUndoCommand *command)
{
    m_undo.push(command);
}

QJsonObject Session::toJson(const QDir &baseDir) const
{
    return SessionJson::write(m_data, baseDir);
}

void Session::save(const QString &path)
{
    SessionJson::writeFile(m_data, path);
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_undo.setClean();
    Q_EMIT saved(m_filePath);
}

void Session::load(const QString &path)
{
    SessionData fresh = SessionJson::readFile(path);
    reset(std::move(fresh));
    m_filePath = QFileInfo(path).absoluteFilePath();
}

void Session::reset(SessionData data)
{
    m_undo.clear();
    m_data = std::move(data);
    Q_EMIT sessionReset();
}

void Session::insertTrack(int index, Track track)
{
    if (index < 0 || index > int(m_data.tracks.size()))
        index = int(m_data.tracks.size());
    const TrackId id = track.id;
    m_data.tracks.insert(m_data.tracks.begin() + index, std::move(track));
    Q_EMIT trackAdded(id, index);
}

Track Session::takeTrack(const TrackId &id, int *index)
{
    const int i = m_data.trackIndex(id);
    if (index)
        *index = i;
    if (i < 0)
        return {};
    Track t = std::move(m_data.tracks[std::size_t(i)]);
    m_data.tracks.erase(m_data.tracks.begin() + i);
    Q_EMIT trackRemoved(id);
    return t;
}

void Session::moveTrackTo(const TrackId &id, int to)
{
    const int from = m_data.trackIndex(id);
    if (from < 0)
        return;
    to = std::clamp(to, 0, int(m_data.tracks.size()) - 1);
    if (from == to)
        return;
    Track t = std::move(m_data.tracks[std::size_t(from)]);
    m_data.tracks.erase(m_data.tracks.begin() + from);
    m_data.tracks.insert(m_data.tracks.begin() + to, std::move(t));
    Q_EMIT trackMoved(id, from, to);
}

void Session::insertClip(const TrackId &trackId, int index, Clip clip)
{
    Track *t = m_data.track(trackId);
    if (!t)
        return;
    if (index < 0 || index > int(t->clips.size()))
        index = int(t->clips.size());
    const ClipId id = clip.id;
    t->clips.insert(t->clips.begin() + index, std::move(clip));
    Q_EMIT clipAdded(trackId, id);
}

Clip Session::takeClip(const TrackId &trackId, const ClipId &clipId, int *index)
{
    Track *t = m_data.track(trackId);
    const int i = t ? t->clipIndex(clipId) : -1;
    if (index)
        *index = i;
    if (i < 0)
        return {};
    Clip c = std::move(t->clips[std::size_t(i)]);
    t->clips.erase(t->clips.begin() + i);
    Q_EMIT clipRemoved(trackId, clipId);
    return c;
}

Clip *Session::editClip(const TrackId &trackId, const ClipId &clipId)
{
    Track *t = m_data.track(trackId);
    const int i = t ? t->clipIndex(clipId) : -1;
    return i < 0 ? nullptr : &t->clips[std::size_t(i)];
}

void Session::setTempoMapInternal(const media::TempoMap &map)
{
    m_data.tempoMap = map;
    Q_EMIT tempoChanged();
}

void Session::setLoopInternal(const LoopRange &loop)
{
    m_data.loop = loop;
    Q_EMIT loopChanged(loop);
}

void Session::insertSource(MediaPool::Entry source, int index)
{
    const SourceId id = source ? source->id : SourceId();
    if (m_data.pool.add(std::move(source), index))
        Q_EMIT sourceAdded(id);
}

MediaPool::Entry Session::takeSource(const SourceId &id, int *index)
{
    MediaPool::Entry e = m_data.pool.take(id, index);
    if (e)
        Q_EMIT sourceRemoved(id);
    return e;
}

void Session::setNameInternal(const QString &name)
{
    m_data.name = name;
    Q_EMIT nameChanged(name);
}

} // namespace mirstudio
