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
 * finished job into the timeline, which a drag's many decodes must not do). Does not own the
 * host, the session or the engine. GUI thread only.
 */
class LatentExplorerDock : public QWidget
{
    Q_OBJECT
public:
    LatentExplorerDock(PluginHost *host, Session *session, PlaybackController *playback, const QString &mediaFolder,
                       QWidget *parent = nullptr);

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
