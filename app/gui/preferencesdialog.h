// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/gui/preferences.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace mirstudio {

/**
 * Edits Preferences: audio device and buffer size, MIDI ports, SoundFont (with a file picker),
 * plugin folders (one per line), job threads and the spectrogram colour map. The caller passes
 * the device and port names it found (so the dialog itself never opens PortAudio or RtMidi),
 * reads preferences() after exec() and saves them. GUI thread only.
 */
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    PreferencesDialog(const Preferences &prefs, const QStringList &audioDevices,
                      const QStringList &midiInputs, const QStringList &midiOutputs,
                      QWidget *parent = nullptr);

    /** The edited settings (recent files are kept as given). */
    Preferences preferences() const;

private:
    Preferences m_initial;
    QComboBox *m_device;
    QComboBox *m_buffer;
    QComboBox *m_midiIn;
    QComboBox *m_midiOut;
    QLineEdit *m_soundFont;
    QPlainTextEdit *m_pluginFolders;
    QSpinBox *m_threads;
    QComboBox *m_colourMap;
};

} // namespace mirstudio
