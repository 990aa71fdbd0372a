// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace mirstudio {

/**
 * The user's settings, persisted with QSettings (organisation/application names of the
 * QApplication): audio device and buffer size, MIDI input/output ports, SoundFont, plugin
 * folders, compute threads for jobs, spectrogram colour map, and the recent-files list.
 * Plain value type; GUI thread (QSettings is reentrant, but one writer is assumed).
 */
struct Preferences
{
    QString audioDevice;     // empty: JACK when running, else ALSA default
    int bufferFrames = 256;
    QString midiInput;       // empty: none
    QString midiOutput;      // empty: none
    QString soundFont;       // empty: SoundFontLocator's default
    QStringList pluginFolders;
    int threads = 1;
    QString colourMap = QStringLiteral("Viridis");
    QStringList recentFiles;

    static constexpr int kMaxRecent = 8;

    static Preferences load();
    void save() const;
    /** Puts `path` first in recentFiles (no duplicates, at most kMaxRecent). */
    void addRecent(const QString &path);

    bool operator==(const Preferences &) const = default;
};

} // namespace mirstudio
