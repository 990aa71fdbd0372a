// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/sessiondata.h"

#include <QDir>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include <utility>

class QUndoCommand;

namespace mirstudio {

/**
 * The document the user works on: name, session sample rate, tempo map, loop, tracks in order
 * and the media pool (see SessionData). Every change goes through `push()` onto the one
 * QUndoStack the session owns; the mutators are private and reachable only from the command
 * classes in core/session (they are friends), so views can only read the session and listen
 * to its signals.
 *
 * `save()` writes the versioned JSON document atomically (media::AtomicFile) with media paths
 * relative to the file's folder; `load()` parses into a fresh SessionData and swaps it in only
 * on success. Both throw SessionError.
 *
 * Owns its undo stack and its data. GUI thread only (QObject affinity); readers on other threads
 * take copies (e.g. `data()` copied, or the shared MediaSource entries).
 */
class Session : public QObject
{
    Q_OBJECT
public:
    /**
     * RAII undo macro: every command pushed while it lives becomes one undo step.
     * `Session::Macro m(session, tr("Add separated stems"));`
     */
    class Macro
    {
    public:
        Macro(Session &session, const QString &text);
        ~Macro();
        Macro(const Macro &) = delete;
        Macro &operator=(const Macro &) = delete;

    private:
        Session &m_session;
    };

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // Reading (GUI thread).
    const SessionData &data() const { return m_data; }
    QString name() const { return m_data.name; }
    int sampleRate() const { return m_data.sampleRate; }
    const media::TempoMap &tempoMap() const { return m_data.tempoMap; }
    LoopRange loop() const { return m_data.loop; }
    const std::vector<Track> &tracks() const { return m_data.tracks; }
    int trackCount() const { return int(m_data.tracks.size()); }
    int trackIndex(const TrackId &id) const { return m_data.trackIndex(id); }
    /** The track, or nullptr; the pointer is valid until the next change. */
    const Track *track(const TrackId &id) const { return m_data.track(id); }
    /** The clip of a track, or nullptr; valid until the next change. */
    const Clip *clip(const TrackId &track, const ClipId &clip) const;
    const MediaPool &mediaPool() const { return m_data.pool; }

    // Undo.
    /** Executes `command` (redo) and puts it on the undo stack; the stack takes ownership. */
    void push(QUndoCommand *command);
    QUndoStack *undoStack() { return &m_undo; }
    void beginMacro(const QString &text) { m_undo.beginMacro(text); }
    void endMacro() { m_undo.endMacro(); }

    // Files.
    /** The file last saved to or loaded from; empty for a new session. */
    QString filePath() const { return m_filePath; }
    /** Sets the path without saving (e.g. after recovering an autosave of that session). */
    void setFilePath(const QString &path) { m_filePath = path; }
    /** The document as JSON, media paths relative to `baseDir`. */
    QJsonObject toJson(const QDir &baseDir) const;
    /**
     * Writes the session to `path` atomically, marks the undo stack clean and emits saved().
     * Throws SessionError; on failure the previous file is intact and the stack stays dirty.
     */
    void save(const QString &path);
    /**
     * Replaces the whole session with the document at `path` (undo history cleared, stack
     * clean). Throws SessionError and leaves this session unchanged when the file is bad.
     */
    void load(const QString &path);
    /** Replaces the data wholesale (undo history cleared). For load and recovery. */
    void reset(SessionData data);

Q_SIGNALS:
    void nameChanged(const QString &name);
    void trackAdded(const mirstudio::TrackId &id, int index);
    void trackRemoved(const mirstudio::TrackId &id);
    void trackMoved(const mirstudio::TrackId &id, int from, int to);
    /** A track's own fields, stems or annotation items changed. */
    void trackChanged(const mirstudio::TrackId &id);
    void clipAdded(const mirstudio::TrackId &track, const mirstudio::ClipId &clip);
    void clipRemoved(const mirstudio::TrackId &track, const mirstudio::ClipId &clip);
    /** A clip's placement, gain or notes changed. */
    void clipChanged(const mirstudio::TrackId &track, const mirstudio::ClipId &clip);
    void tempoChanged();
    void loopChanged(const mirstudio::LoopRange &loop);
    void sourceAdded(const mirstudio::SourceId &id);
    void sourceRemoved(const mirstudio::SourceId &id);
    /** Everything changed (load, recovery). */
    void sessionReset();
    void saved(const QString &path);

private:
    friend class AddTrackCommand;
    friend class RemoveTrackCommand;
    friend class MoveTrackCommand;
    friend class TrackPropertyCommand;
    friend class AddClipCommand;
    friend class RemoveClipCommand;
    friend class ClipGeometryCommand;
    friend class MoveClipCommand;
    friend class SetNotesCommand;
    friend class SetTempoMapCommand;
    friend class SetLoopCommand;
    friend class AddSourceCommand;
    friend class StemLaneCommand;
    friend class SetAnnotationItemsCommand;
    friend class RenameSessionCommand;

    // Mutators: used only by the commands above.
    void insertTrack(int index, Track track);
    Track takeTrack(const TrackId &id, int *index);
    void moveTrackTo(const TrackId &id, int to);
    Track *editTrack(const TrackId &id) { return m_data.track(id); }
    void notifyTrackChanged(const TrackId &id) { Q_EMIT trackChanged(id); }
    void insertClip(const TrackId &track, int index, Clip clip);
    Clip takeClip(const TrackId &track, const ClipId &clip, int *index);
    Clip *editClip(const TrackId &track, const ClipId &clip);
    void notifyClipChanged(const TrackId &track, const ClipId &clip)
    {
        Q_EMIT clipChanged(track, clip);
    }
    void setTempoMapInternal(const media::TempoMap &map);
    void setLoopInternal(const LoopRange &loop);
    void insertSource(MediaPool::Entry source, int index);
    MediaPool::Entry takeSource(const SourceId &id, int *index);
    void setNameInternal(const QString &name);

    SessionData m_data;
    QUndoStack m_undo;
    QString m_filePath;
};

} // namespace mirstudio
