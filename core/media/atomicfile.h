// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mirstudio::media {

/**
 * Replaces one file atomically and durably, the one way every writer of the project does it
 * (audio, MIDI, sessions, autosaves): the content goes to a unique temporary file beside the
 * target (`<name>.part-<pid>-<random>`, created with O_EXCL), which commit() fsyncs, closes,
 * renames over the target (keeping the target's permissions) and makes durable by fsyncing the
 * folder. Until commit() the target is untouched; discard() or the destructor deletes the
 * temporary file, so a failed write never leaves a half file. Temporary files of writers that
 * died (SIGKILL, power loss) are removed by the next write of the same target.
 *
 * Errors are MediaError naming the target: "cannot create a temporary file in DIR: ..." or
 * "<step> failed: <reason>" (writing, fsync, close, rename, fsync of the folder).
 * Owns the temporary file's descriptor. Move-only; one thread at a time.
 */
class AtomicFile
{
public:
    /** Creates the temporary file for `path` (removing stale ones first). */
    explicit AtomicFile(const QString &path);
    ~AtomicFile();
    AtomicFile(AtomicFile &&other) noexcept;
    AtomicFile &operator=(AtomicFile &&other) noexcept;
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /** The open descriptor of the temporary file (for libraries that write to a descriptor). */
    int fd() const { return m_fd; }
    QString path() const { return m_path; }
    QString tempPath() const { return m_tempPath; }

    /** Appends `bytes` to the temporary file. */
    void write(const QByteArray &bytes);
    /** fsync, close, rename over the target, fsync the folder. The file is done afterwards. */
    void commit();
    /** Closes and deletes the temporary file; harmless when already committed or discarded. */
    void discard() noexcept;

    /** Writes `bytes` to `path` atomically (create, write, commit). */
    static void writeFile(const QString &path, const QByteArray &bytes);
    /** Removes temporary files of `path` whose writer process is gone; returns how many. */
    static int removeStaleTemps(const QString &path);
    /** The file-name prefix of every temporary file of `path` (without the folder). */
    static QString tempPrefix(const QString &path);

private:
    [[noreturn]] void fail(const QString &step, int err);
    QString m_path;
    QString m_tempPath;
    int m_fd = -1;
};

} // namespace mirstudio::media
