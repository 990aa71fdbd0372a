// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/fileinspector.h"

#include "core/media/abcreader.h"
#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "core/session/session.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace mirstudio::cli {

QString formatDuration(double seconds)
{
    const double s = std::max(0.0, seconds);
    const int minutes = int(s / 60.0);
    return QStringLiteral("%1:%2").arg(minutes).arg(s - minutes * 60.0, 6, 'f', 3, QLatin1Char('0'));
}

FileKind FileInspector::detect(const QString &path)
{
    QFile f(path);
    QByteArray head;
    if (f.open(QIODevice::ReadOnly))
        head = f.read(64);
    if (head.startsWith("MThd"))
        return FileKind::Midi;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("mid") || suffix == QLatin1String("midi") || suffix == QLatin1String("smf"))
        return FileKind::Midi;
    if (suffix == QLatin1String("abc"))
        return FileKind::Abc;
    if (suffix == QLatin1String("mirstudio") || suffix == QLatin1String("json") ||
        head.trimmed().startsWith('{'))
        return FileKind::Session;
    return FileKind::Audio;
}

void FileInspector::inspect(const QString &path, QTextStream &out)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        throw media::MediaError(path, QStringLiteral("no such file"));
    if (fi.isDir())
        throw media::MediaError(path, QStringLiteral("is a folder, expected a file"));
    switch (detect(path)) {
    case FileKind::Midi:
        return inspectMidi(path, out);
    case FileKind::Abc:
        return inspectAbc(path, out);
    case FileKind::Session:
        return inspectSession(path, out);
    case FileKind::Audio:
        return inspectAudio(path, out);
    }
}

void FileInspector::inspectAudio(const QString &path, QTextStream &out)
{
    media::AudioReadOptions options;
    options.maxChannels = 1024; // inspect reports any channel count
    media::AudioFileReader reader(path, options);
    const auto &info = reader.info();
    float peak = 0.0f;
    std::int64_t decoded = 0;
    for (;;) {
        const media::AudioData chunk = reader.readFrames(65536);
        if (chunk.frames() == 0)
            break;
        decoded += chunk.frames();
        peak = std::max(peak, chunk.peak());
    }
    out << "file:        " << path << "\n"
        << "kind:        audio\n"
        << "container:   " << info.container << "\n"
        << "encoding:    " << info.sampleFormat << "\n"
        << "sample rate: " << info.sampleRate << " Hz\n"
        << "channels:    " << info.channels << "\n"
        << "frames:      " << decoded << "\n"
        << "duration:    " << formatDuration(double(decoded) / info.sampleRate) << " ("
        << QString::number(double(decoded) / info.sampleRate, 'f', 3) << " s)\n"
        << "peak:        " << QString::number(peak, 'f', 6);
    if (peak > 0.0f)
        out << " (" << QString::number(20.0 * std::log10(double(peak)), 'f', 2) << " dBFS)";
    out << "\n";
    for (const QString &w : info.warnings)
        out << "warning:     " << w << "\n";
}

void FileInspector::inspectMidi(const QString &path, QTextStream &out)
{
    const media::MidiFile f = media::readMidiFile(path);
    out << "file:        " << path << "\n"
        << "kind:        MIDI (Standard MIDI File type " << f.format << ")\n"
        << "ppq:         " << f.ppq << "\n"
        << "tracks:      " << f.tracks.size() << "\n"
        << "notes:       " << f.noteCount() << "\n"
        << "length:      " << f.lengthTicks() << " ticks, " << formatDuration(f.lengthSeconds())
        << " (" << QString::number(f.lengthSeconds(), 'f', 3) << " s)\n";
    out << "tempo map:\n";
    for (const auto &t : f.tempoMap.tempos())
        out << "  tick " << t.tick << ": " << QString::number(t.bpm(), 'f', 2) << " bpm\n";
    for (const auto &s : f.tempoMap.timeSignatures())
        out << "  tick " << s.tick << ": " << s.numerator << "/" << s.denominator << "\n";
    for (const auto &k : f.tempoMap.keySignatures())
        out << "  tick " << k.tick << ": key " << (k.sharps >= 0 ? QStringLiteral("%1 sharps").arg(k.sharps)
                                                              : QStringLiteral("%1 flats").arg(-k.sharps))
            << (k.minor ? " minor" : " major") << "\n";
    int i = 0;
    for (const auto &t : f.tracks) {
        out << "track " << i++ << ": \"" << t.name << "\" notes " << t.notes.size();
        if (t.channel >= 0)
            out << ", channel " << t.channel + 1;
        if (t.program >= 0)
            out << ", program " << t.program;
        if (!t.notes.empty()) {
            const auto [lo, hi] = std::minmax_element(t.notes.begin(), t.notes.end(),
                [](const auto &a, const auto &b) { return a.pitch < b.pitch; });
            out << ", pitch " << lo->pitch << ".." << hi->pitch;
        }
        out << "\n";
    }
}

void FileInspector::inspectAbc(const QString &path, QTextStream &out)
{
    const media::AbcReadResult r = media::readAbcFileLenient(path);
    if (r.tunes.empty() && !r.errors.empty())
        throw r.errors.front();
    out << "file:        " << path << "\n"
        << "kind:        ABC notation\n"
        << "tunes:       " << r.tunes.size() << "\n";
    for (const auto &t : r.tunes) {
        const auto tm = t.tempoMap();
        out << "X:" << t.number << " \"" << t.title << "\" M:" << t.meter.numerator << "/" << t.meter.denominator
            << " K:" << t.key.name << " notes " << t.notes.size() << ", chords " << t.chords.size()
            << ", " << QString::number(tm.secondsAt(double(t.endTick)), 'f', 1) << " s\n";
    }
    for (const auto &e : r.errors)
        out << "error:       " << e.text() << "\n";
    if (!r.errors.empty())
        throw media::MediaError(path, QStringLiteral("%1 of %2 tunes could not be read")
                                          .arg(r.errors.size()).arg(r.errors.size() + r.tunes.size()));
}

void FileInspector::inspectSession(const QString &path, QTextStream &out)
{
    Session session;
    session.load(path);
    const auto &d = session.data();
    const double rate = d.sampleRate;
    out << "file:        " << path << "\n"
        << "kind:        MIR Studio session\n"
        << "name:        " << d.name << "\n"
        << "sample rate: " << d.sampleRate << " Hz\n"
        << "tempo:       " << QString::number(d.tempoMap.bpmAt(0), 'f', 2) << " bpm, "
        << d.tempoMap.timeSignatureAt(0).numerator << "/" << d.tempoMap.timeSignatureAt(0).denominator << "\n"
        << "media:       " << d.pool.size() << " sources\n";
    for (const auto &s : d.pool.sources()) {
        out << "  " << (s->kind == MediaSource::Kind::Audio ? "audio " : "midi  ") << s->path;
        if (!QFileInfo::exists(s->path))
            out << " (MISSING)";
        out << "\n";
    }
    out << "tracks:      " << d.tracks.size() << "\n";
    static const char *kinds[] = {"audio", "midi", "stems", "annotation"};
    for (const auto &t : d.tracks) {
        out << "  [" << kinds[int(t.kind)] << "] \"" << t.name << "\" gain "
            << QString::number(t.gainDb, 'f', 1) << " dB" << (t.mute ? ", muted" : "")
            << (t.solo ? ", solo" : "");
        if (t.kind == Track::Kind::StemGroup)
            out << ", " << t.stems.size() << " stems";
        if (t.kind == Track::Kind::Annotation)
            out << ", " << t.items.size() << " items";
        out << "\n";
        for (const auto &c : t.clips) {
            out << "      clip at " << QString::number(c.start / rate, 'f', 3) << " s, length "
                << QString::number(c.length / rate, 'f', 3) << " s";
            if (!c.notes.empty())
                out << ", " << c.notes.size() << " notes";
            out << "\n";
        }
    }
}

} // namespace mirstudio::cli
