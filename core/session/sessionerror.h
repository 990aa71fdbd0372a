// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <stdexcept>

namespace mirstudio {

/**
 * The error Session load/save, the JSON reader, the atomic writer and the autosaver throw.
 * It names the file, the JSON path of the offending field when there is one
 * ("tracks[2].clips[0].start") and what was expected and found; text() is the whole sentence,
 * e.g. "song.mirsession: tracks[2].clips[0].start: expected integer, found string".
 * Value type; any thread.
 */
class SessionError : public std::runtime_error
{
public:
    SessionError(const QString &file, const QString &jsonPath, const QString &message);

    QString file() const { return m_file; }
    /** The JSON path of the bad field, empty for errors not about a field (I/O, syntax). */
    QString jsonPath() const { return m_jsonPath; }
    QString message() const { return m_message; }
    QString text() const { return QString::fromUtf8(what()); }

private:
    static std::string compose(const QString &file, const QString &jsonPath,
                               const QString &message);
    QString m_file;
    QString m_jsonPath;
    QString m_message;
};

} // namespace mirstudio
