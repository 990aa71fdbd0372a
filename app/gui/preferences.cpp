// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/preferences.h"

#include <QSettings>

namespace mirstudio {

Preferences Preferences::load()
{
    QSettings s;
    Preferences p;
    p.audioDevice = s.value(QStringLiteral("audio/device")).toString();
    p.bufferFrames = s.value(QStringLiteral("audio/bufferFrames"), p.bufferFrames).toInt();
    p.midiInput = s.value(QStringLiteral("midi/input")).toString();
    p.midiOutput = s.value(QStringLiteral("midi/output")).toString();
    p.soundFont = s.value(QStringLiteral("synth/soundFont")).toString();
    p.pluginFolders = s.value(QStringLiteral("plugins/folders")).toStringList();
    p.threads = s.value(QStringLiteral("jobs/threads"), p.threads).toInt();
    p.colourMap = s.value(QStringLiteral("view/colourMap"), p.colourMap).toString();
    p.recentFiles = s.value(QStringLiteral("files/recent")).toStringList();
    return p;
}

void Preferences::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("audio/device"), audioDevice);
    s.setValue(QStringLiteral("audio/bufferFrames"), bufferFrames);
    s.setValue(QStringLiteral("midi/input"), midiInput);
    s.setValue(QStringLiteral("midi/output"), midiOutput);
    s.setValue(QStringLiteral("synth/soundFont"), soundFont);
    s.setValue(QStringLiteral("plugins/folders"), pluginFolders);
    s.setValue(QStringLiteral("jobs/threads"), threads);
    s.setValue(QStringLiteral("view/colourMap"), colourMap);
    s.setValue(QStringLiteral("files/recent"), recentFiles);
}

void Preferences::addRecent(const QString &path)
{
    recentFiles.removeAll(path);
    recentFiles.prepend(path);
    while (recentFiles.size() > kMaxRecent)
        recentFiles.removeLast();
}

} // namespace mirstudio
