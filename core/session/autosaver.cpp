// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/autosaver.h"

#include "core/session/session.h"
#include "core/session/sessionerror.h"
#include "core/session/sessionjson.h"

#include <QFile>
#include <QFileInfo>

namespace mirstudio {

Autosaver::Autosaver(Session *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    m_timer.setInterval(60'000);
    connect(&m_timer, &QTimer::timeout, this, [this] { autosaveNow(); });
    connect(m_session->undoStack(), &QUndoStack::indexChanged, this, [this] { m_dirty = true; });
    connect(m_session, &Session::saved, this, [this](const QString &path) { onSaved(path); });
    connect(m_session, &Session::sessionReset, this, [this] { m_dirty = false; });
    m_timer.start();
}

QString Autosaver::autosavePath(const QString &sessionPath)
{
    return QFileInfo(sessionPath).absoluteFilePath() + QStringLiteral(".autosave.json");
}

bool Autosaver::recoverable(const QString &sessionPath)
{
    const QFileInfo autosave(autosavePath(sessionPath));
    if (!autosave.exists())
        return false;
    const QFileInfo session(sessionPath);
    return !session.exists() || autosave.lastModified() >= session.lastModified();
}

void Autosaver::recover(Session &session, const QString &sessionPath)
{
    SessionData data = SessionJson::readFile(autosavePath(sessionPath));
    session.reset(std::move(data));
    session.setFilePath(QFileInfo(sessionPath).absoluteFilePath());
    session.undoStack()->resetClean(); // restored work is unsaved
}

QString Autosaver::currentAutosavePath() const
{
    if (!m_session->filePath().isEmpty())
        return autosavePath(m_session->filePath());
    return m_untitledPath;
}

bool Autosaver::autosaveNow()
{
    const QString path = currentAutosavePath();
    if (!m_dirty || m_session->undoStack()->isClean() || path.isEmpty())
        return false;
    try {
        SessionJson::writeFile(m_session->data(), path);
    } catch (const SessionError &e) {
        Q_EMIT autosaveFailed(e.text());
        return false;
    }
    m_dirty = false;
    Q_EMIT autosaved(path);
    return true;
}

void Autosaver::onSaved(const QString &path)
{
    m_dirty = false;
    QFile::remove(autosavePath(path));
    if (!m_untitledPath.isEmpty())
        QFile::remove(m_untitledPath);
}

} // namespace mirstudio
