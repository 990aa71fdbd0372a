// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/offlinebounce.h"
#include "core/session/sessiondata.h"

#include <QString>
#include <QStringList>

namespace mirstudio {

/**
 * The Export menu's work, without widgets (so tests call it): the mixdown through
 * OfflineBounce (WAV float or FLAC 24-bit), every stem of every stem-group track as
 * `<track>_(<stem>).wav`, the MIDI tracks as one Standard MIDI File (format 1, 480 or 960 PPQ,
 * with the tempo map), and annotation tracks as CSV (`start,duration,kind,label,value`,
 * seconds) and as `.lab` (`start<TAB>end<TAB>label`, seconds; a label lasts until the next one).
 *
 * Works on a copy of the session data; errors throw (media::MediaError for files,
 * std::runtime_error otherwise) and never leave half-written files (atomic writers).
 * Any non-realtime thread.
 */
class SessionExporter
{
public:
    explicit SessionExporter(SessionData data) : m_data(std::move(data)) {}

    /** Renders the mix to `path` (.flac: FLAC 24-bit, else WAV float); returns the frames. */
    std::int64_t exportMixdown(const QString &path, const OfflineBounce::Progress &progress = {}) const;
    /** Writes each stem to `folder`; returns the paths written. */
    QStringList exportStems(const QString &folder) const;
    /** Writes the MIDI tracks' notes at `ppq` (480 or 960). Returns the number of notes. */
    int exportMidi(const QString &path, int ppq) const;
    /** Writes every annotation track to `folder` as `<track>.csv` and `<track>.lab`. */
    QStringList exportAnnotations(const QString &folder) const;

    /** A track or stem name made safe as a file name. */
    static QString fileSafe(const QString &name);

private:
    SessionData m_data;
};

} // namespace mirstudio
