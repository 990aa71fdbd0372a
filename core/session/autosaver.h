// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace mirstudio {

class Session;

/**
 * Autosaves a session: every `interval` (default 60 s) a QTimer fires and, when the undo stack
 * changed since the last save or autosave and is not clean, the session is written atomically
 * to `<session file>.autosave.json` beside it (same folder, so relative media paths stay
 * valid). A clean save of the session removes the autosave. A session that has never been
 * saved autosaves to `untitledPath()` when one is set, otherwise not at all.
 *
 * Recovery: `recoverable(sessionPath)` says whether an autosave newer than the session file
 * exists; `recover()` loads it into a session (which stays dirty, keeps the original path) —
 * the app asks the user first.
 *
 * Does not own the session (it must outlive the autosaver or be its parent); GUI thread.
 * Autosave errors are reported through `autosaveFailed` and never thrown from the timer.
 */
class Autosaver : public QObject
{
    Q_OBJECT
public:
    explicit Autosaver(Session *session, QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    void setUntitledPath(const QString &path) { m_untitledPath = path; }
    QString untitledPath() const { return m_untitledPath; }

    /** Where the autosave of the session at `sessionPath` goes. */
    static QString autosavePath(const QString &sessionPath);
    /** True when an autosave exists that is newer than the session file (or it has none). */
    static bool recoverable(const QString &sessionPath);
    /**
     * Loads the autosave of `sessionPath` into `session`: the work is restored, the session's
     * file path is `sessionPath` and its undo stack is not clean (the work is unsaved).
     * Throws SessionError when the autosave cannot be read.
     */
    static void recover(Session &session, const QString &sessionPath);

    /** Autosaves now if needed; returns true when a file was written. */
    bool autosaveNow();
    /** The file the next autosave goes to (empty when there is none). */
    QString currentAutosavePath() const;

Q_SIGNALS:
    void autosaved(const QString &path);
    void autosaveFailed(const QString &message);

private:
    void onSaved(const QString &path);

    Session *m_session;
    QTimer m_timer;
    QString m_untitledPath;
    bool m_dirty = false;
};

} // namespace mirstudio
