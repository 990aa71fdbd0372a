// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace mirstudio {

class PlaybackController;
class JobRunner;
class PluginHost;
class Session;
namespace widgets {
class LatentExplorer;
}

/**
 * The "Latent explorer" dock: a choice of the plugins with the `latent` capability, a button to
 * encode a folder of MIDI files as the corpus, one to add the session's MIDI clips as the user's
 * points, and the LatentExplorer itself, auditioning through the engine's sendMidi on synth
 * channel 16. Runs its decodes on a JobRunner of its own (the window's runner imports every
 * finished job into the timeline, which a drag's many decodes must not do). MIDI CC: the
 * explorer receives the control changes of the MIDI input (MidiConnections' control-change tap,
 * coalesced per GUI tick); its learnt bindings are preferences (QSettings key ccSettingsKey()),
 * loaded here and saved whenever one is learnt or forgotten. Does not own the host, the session
 * or the engine. GUI thread only.
 */
class LatentExplorerDock : public QWidget
{
    Q_OBJECT
public:
    LatentExplorerDock(PluginHost *host, Session *session, PlaybackController *playback, const QString &mediaFolder,
                       QWidget *parent = nullptr);
    ~LatentExplorerDock() override;

    /** The QSettings key of the explorer's MIDI CC bindings (a string list). */
    static QString ccSettingsKey() { return QStringLiteral("latentExplorer/midiCc"); }

    widgets::LatentExplorer *explorer() const { return m_explorer; }
    /** Re-lists the latent plugins (after discovery). */
    void refreshPlugins();
    /** Adds every MIDI clip of the session as a user point; returns how many were added. */
    int addSessionClips();

private:
    void choosePlugin(int index);

    Session *m_session;
    PluginHost *m_host;
    JobRunner *m_runner;
    QComboBox *m_plugins = nullptr;
    QLabel *m_info = nullptr;
    widgets::LatentExplorer *m_explorer = nullptr;
};

} // namespace mirstudio
