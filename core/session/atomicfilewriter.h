// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mirstudio {

/**
 * Replaces a file atomically and durably: writes `<file>.tmp-<pid>-<random>` beside the target
 * (created with O_EXCL, so the name is unique), `fsync`s it, `rename`s it over the target and
 * `fsync`s the folder. A reader — or a process started after a crash or power loss at any
 * point — sees either the complete old file or the complete new one, never a mix.
 *
 * Chosen over QSaveFile because QSaveFile does not fsync the file before the rename nor the
 * folder after it (Qt 6.4), and we need both for durability; plain POSIX calls make every
 * step and its error visible.
 *
 * On any failure (unwritable folder, disk full, file size limit, ...) the temp file is removed,
 * the previous target is left untouched and a SessionError saying which step failed and why is
 * thrown. Temp files left behind by a process that was killed mid-write are removed by the next
 * write to the same target (only those whose writer process no longer exists).
 *
 * Stateless; any thread, but two concurrent writers of the same target race (last rename wins,
 * each file still complete).
 */
class AtomicFileWriter
{
public:
    /** Writes `data` to `path` atomically; throws SessionError on failure. */
    static void write(const QString &path, const QByteArray &data);

    /** Removes stale temp files of `path` left by dead writers; returns how many. */
    static int removeStaleTemps(const QString &path);

    /** The file-name prefix every temp file of `path` starts with (without the folder). */
    static QString tempPrefix(const QString &path);
};

} // namespace mirstudio
