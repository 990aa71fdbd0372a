// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextStream>

namespace mirstudio::cli {

/** What kind of file FileInspector thinks a path is (by content first, then by extension). */
enum class FileKind { Audio, Midi, Abc, Session };

/**
 * `mirstudio-cli inspect`: prints what a media or session file holds (audio: container, sample
 * format, duration, rate, channels, peak; MIDI: format, PPQ, tracks, notes, tempo map, length;
 * ABC: tunes with meter, key and note counts; session: tracks and clips). Reading errors
 * propagate as exceptions (media::MediaError, SessionError, std::exception) with the precise
 * message. Audio is scanned in chunks, so memory stays bounded for long files.
 * Stateless; GUI or worker thread (sessions load into a QObject on the calling thread).
 */
class FileInspector
{
public:
    static FileKind detect(const QString &path);
    static void inspect(const QString &path, QTextStream &out);

private:
    static void inspectAudio(const QString &path, QTextStream &out);
    static void inspectMidi(const QString &path, QTextStream &out);
    static void inspectAbc(const QString &path, QTextStream &out);
    static void inspectSession(const QString &path, QTextStream &out);
};

/** "1:02.345" for 62.345 seconds. */
QString formatDuration(double seconds);

} // namespace mirstudio::cli
