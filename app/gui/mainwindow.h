// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/gui/preferences.h"
#include "core/session/typedid.h"

#include <QHash>
#include <QList>

#include <QMainWindow>

#include <functional>

class QLabel;
class QMenu;

namespace mirstudio {
class Autosaver;
class JobRunner;
class LaneWiring;
class TrackMenu;
class ModelsPanel;
class PendingStemGroups;
class PluginHost;
struct JobRequest;
class PlaybackController;
class Session;
namespace widgets {
class EngineStatus;
class JobPanel;
class TimelineView;
class TrackListView;
class TransportBar;
}

/**
 * The MIR Studio main window: owns the open Session, its Autosaver, the PlaybackController
 * (engine, device, recorder) and the views: the timeline (track headers and lanes on one time
 * axis) in the centre, the transport bar on top, the track list and the job panel in docks,
 * and a status bar (session facts, audio device, xruns, CPU). Owns the PluginHost and the
 * JobRunner; the Models dock runs a plugin method on the selected clip (JobInputs), the job
 * panel shows the runner's jobs and finished jobs are imported.
 *
 * Menus: File (new, open, open recent, save, save as, export mixdown/stems/MIDI/annotations/
 * PNG, preferences, quit), Edit (undo, redo, delete, select all, copy, paste, duplicate),
 * Transport (Space play/pause, Home, End, L loop, R record), Track (Separate...) and View
 * (+/- zoom, fit); track headers have a context menu (TrackMenu). Lanes are wired to playback
 * by LaneWiring (note audition, live take, stem audio); separation jobs show pending stems
 * (PendingStemGroups); the status bar also says what MIDI is connected (MidiConnections).
 * Dropping audio or MIDI files creates tracks (MediaImporter) at the drop position.
 * Errors are shown in a dialog (or, with `setInteractive(false)`, only logged and kept in
 * lastError()) and never lose the open work. GUI thread only.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session; }
    widgets::TrackListView *trackList() const { return m_tracks; }
    widgets::TimelineView *timeline() const { return m_timeline; }
    widgets::TransportBar *transport() const { return m_transport; }
    widgets::JobPanel *jobPanel() const { return m_jobs; }
    widgets::EngineStatus *engineStatus() const { return m_engineStatus; }
    /** The status bar's MIDI text: what is connected, or why not. */
    QString midiStatusText() const;
    PlaybackController *playback() const { return m_playback; }
    PluginHost *pluginHost() const { return m_host; }
    ModelsPanel *modelsPanel() const { return m_models; }
    JobRunner *jobRunner() const { return m_runner; }
    PendingStemGroups *pendingStems() const { return m_pending; }
    LaneWiring *laneWiring() const { return m_wiring; }
    TrackMenu *trackMenu() const { return m_trackMenu; }
    /**
     * Queues a plugin job (shown in the job panel); when it is done its outputs enter the
     * session as one undo step (JobResultImporter), with `inputs` in their provenance.
     */
    int runJob(const JobRequest &request, const QList<SourceId> &inputs = {});
    /**
     * Separates the first clip of audio track `track` with `plugin`'s separate method: a job
     * whose partial stems show as a pending stem group (PendingStemGroups) and whose result
     * becomes a stem group, one undo step. Returns the job id, or -1 (reported) on error.
     */
    int separateTrack(const TrackId &track, const QString &plugin, const QString &method, const QVariantMap &params);
    /** Where job outputs are written: `<session>.media/` beside the session file. */
    QString jobMediaFolder() const;
    /** False: no modal dialogs (screenshots, tests); answers default to "keep what is open". */
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString lastError() const { return m_lastError; }

    /** Opens `path`, offering to recover a newer autosave. Returns false (and reports) on error. */
    bool openSession(const QString &path);
    /** Saves to `path` (the current file when empty). Returns false (and reports) on error. */
    bool saveSession(const QString &path = QString());
    /** Opens the audio device chosen in the preferences (the status bar says when there is none). */
    bool startAudio();
    /** Imports media files as new tracks starting at `atSeconds`; false (reported) on any error. */
    bool importFiles(const QStringList &paths, double atSeconds = 0.0);
    /** Renders the mixdown to `path` on a worker, as a job panel row (returns its id). */
    int exportMixdown(const QString &path);
    /** Writes the visible timeline as a PNG. */
    bool exportTimelinePng(const QString &path);
    /** Fits the session into view and waits for waveform peaks (screenshots). */
    void settleForScreenshot();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildExportMenu(QMenu *file);
    void buildTransport();
    void newSession();
    void openDialog();
    void saveAsDialog();
    void preferencesDialog();
    /** "Separate…" on `track`: the SeparateDialog, then separateTrack(). */
    void separateDialog(const TrackId &track);
    /** The clicked track, or the track of the first selected clip. */
    TrackId targetTrack() const;
    void toggleLoop();
    /** Applies the preferred spectrogram colour map to the timeline. */
    void applyColourMap();
    void rebuildRecentMenu();
    void rememberRecent(const QString &path);
    void exportMixdownDialog(const QString &suffix);
    /** Runs `work` on a worker thread as a row of the job panel (negative id, returned); it returns a summary or throws. */
    int runExport(const QString &title, std::function<QString(const std::function<bool(double)> &)> work);
    bool maybeSave();
    void reportError(const QString &title, const QString &message);
    void updateTitle();
    void updateStatus();

    Session *m_session = nullptr;
    Autosaver *m_autosaver = nullptr;
    PlaybackController *m_playback = nullptr;
    PluginHost *m_host = nullptr;
    JobRunner *m_runner = nullptr;
    ModelsPanel *m_models = nullptr;
    PendingStemGroups *m_pending = nullptr;
    LaneWiring *m_wiring = nullptr;
    TrackMenu *m_trackMenu = nullptr;
    QHash<int, QList<SourceId>> m_importOnDone;
    widgets::TimelineView *m_timeline = nullptr;
    widgets::TrackListView *m_tracks = nullptr;
    widgets::TransportBar *m_transport = nullptr;
    widgets::JobPanel *m_jobs = nullptr;
    widgets::EngineStatus *m_engineStatus = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_midiStatus = nullptr;
    QMenu *m_recentMenu = nullptr;
    Preferences m_prefs;
    bool m_interactive = true;
    QString m_lastError;
    int m_nextExportId = -1; // export rows use negative ids, runner jobs positive ones
};

} // namespace mirstudio
