// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/sessiondata.h"

#include <QByteArray>
#include <QDir>
#include <QJsonObject>
#include <QString>

namespace mirstudio {

/**
 * The session document format: `{"format": "mirstudio-session", "version": 1, ...}`.
 * Writing turns media paths into paths relative to `baseDir` (the session file's folder);
 * reading resolves them back to absolute paths against it.
 *
 * Reading validates every field and throws SessionError naming the file and the JSON path of
 * the first bad field with what was expected and found ("tracks[2].clips[0].start: expected
 * integer, found string"); a newer format version is refused with a clear message. It never
 * crashes or reads out of bounds on any input (it is fuzzed: tests/fuzz/fuzz_session.cpp) and
 * builds a fresh SessionData, so nothing is half-loaded.
 *
 * Stateless; any thread.
 */
class SessionJson
{
public:
    static constexpr int kVersion = 1;
    static constexpr const char *kFormat = "mirstudio-session";

    static QJsonObject write(const SessionData &data, const QDir &baseDir);
    /** write() as indented UTF-8 JSON. */
    static QByteArray toBytes(const SessionData &data, const QDir &baseDir);

    /** Parses a document; `file` names it in errors. Throws SessionError. */
    static SessionData read(const QJsonObject &document, const QDir &baseDir,
                            const QString &file = QString());
    /** Parses JSON bytes (syntax errors report the byte offset). Throws SessionError. */
    static SessionData read(const QByteArray &bytes, const QDir &baseDir,
                            const QString &file = QString());
    /** Reads and parses the file at `path`, relative paths resolved against its folder. */
    static SessionData readFile(const QString &path);
    /**
     * Writes `data` to `path` atomically (media::AtomicFile), media paths relative to the file's
     * folder. Throws SessionError ("cannot save: ...") and leaves an existing file intact.
     */
    static void writeFile(const SessionData &data, const QString &path);
};

} // namespace mirstudio
