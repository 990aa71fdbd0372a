// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace mirstudio {

class Session;

/**
 * Turns dropped or opened media files into tracks, as one undo step: an audio file becomes an
 * Audio track with one clip over the whole file; a MIDI file becomes one MIDI track per MIDI
 * track with notes (notes held inline, ticks at the session's resolution), and an empty session
 * adopts the file's tempo map. Files are added to the media pool once. Unreadable files are
 * skipped and listed in errors(). No widgets involved; GUI thread (the session's).
 */
class MediaImporter
{
public:
    explicit MediaImporter(Session &session) : m_session(session) {}

    /** True for the file suffixes import() understands (audio and MIDI). */
    static bool canImport(const QString &path);
    /** Imports `paths` at `atFrame`; returns the tracks created, in order. */
    std::vector<TrackId> import(const QStringList &paths, std::int64_t atFrame = 0);
    QStringList errors() const { return m_errors; }

private:
    void importAudio(const QString &path, std::int64_t atFrame, std::vector<TrackId> &made);
    void importMidi(const QString &path, std::int64_t atFrame, std::vector<TrackId> &made);

    Session &m_session;
    QStringList m_errors;
};

} // namespace mirstudio
