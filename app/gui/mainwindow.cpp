// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mainwindow.h"

#include "app/gui/jobinputs.h"
#include "app/gui/jobpanelbinding.h"
#include "app/gui/lanewiring.h"
#include "app/gui/latentexplorerdock.h"
#include "app/gui/modelspanel.h"
#include "app/gui/pendingstemgroups.h"
#include "app/gui/separatedialog.h"
#include "app/gui/trackmenu.h"
#include "app/gui/mediaimporter.h"
#include "app/gui/playbackcontroller.h"
#include "app/gui/preferencesdialog.h"
#include "app/gui/sessionexporter.h"
#include "core/audio/midiports.h"
#include "core/host/jobresultimporter.h"
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/host/pluginspec.h"
#include "core/session/autosaver.h"
#include "core/session/session.h"
#include "core/session/sessionerror.h"
#include "core/session/setloopcommand.h"
#include "widgets/enginestatus.h"
#include "widgets/jobpanel.h"
#include "widgets/lane.h"
#include "widgets/peakcache.h"
#include "widgets/pianorolllane.h"
#include "widgets/timeaxis.h"
#include "widgets/timelineview.h"
#include "widgets/tracklistview.h"
#include "widgets/transportbar.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QToolBar>

#include <atomic>
#include <cmath>

Q_LOGGING_CATEGORY(lcApp, "mirstudio.app")

namespace mirstudio {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
    , m_autosaver(new Autosaver(m_session, this))
    , m_playback(new PlaybackController(m_session, this))
    , m_timeline(new widgets::TimelineView(m_session, this))
    , m_tracks(new widgets::TrackListView(this))
    , m_transport(new widgets::TransportBar(this))
    , m_jobs(new widgets::JobPanel(this))
    , m_engineStatus(new widgets::EngineStatus(this))
    , m_status(new QLabel(this))
    , m_prefs(Preferences::load())
{
    m_host = new PluginHost(PluginHost::defaultSearchPaths() + m_prefs.pluginFolders, this);
    m_host->discover();
    m_runner = new JobRunner(m_host, this);
    m_runner->setThreadsPerJob(std::max(1, m_prefs.threads));
    new JobPanelBinding(m_runner, m_jobs);
    m_pending = new PendingStemGroups(m_session, m_runner, this);
    m_models = new ModelsPanel(m_host, this);
    connect(m_models, &ModelsPanel::runRequested, this,
            [this](const QString &plugin, const sdk::MethodSpec &method, const QVariantMap &params) {
                JobRequest request;
                request.plugin = plugin;
                request.method = method.id;
                request.params = params;
                QList<SourceId> sources;
                QString error;
                try {
                    if (!JobInputs::build(*m_session, method, m_timeline->selection(), &request.inputs, &sources, &error)) {
                        reportError(tr("Cannot run %1").arg(method.name), error);
                        return;
                    }
                } catch (const std::exception &e) {
                    reportError(tr("Cannot run %1").arg(method.name), QString::fromUtf8(e.what()));
                    return;
                }
                runJob(request, sources);
            });
    connect(m_runner, &JobRunner::jobFinished, this, [this](int id, JobState state) {
        const auto inputs = m_importOnDone.take(id);
        m_pending->release(id); // the final stems replace the pending group
        if (state != JobState::Done)
            return;
        try {
            JobResultImporter importer(m_session, jobMediaFolder());
            const auto tracks = importer.import(m_runner->info(id), inputs);
            statusBar()->showMessage(tr("Job %1 added %n track(s)", nullptr, int(tracks.size())).arg(id), 8000);
        } catch (const std::exception &e) {
            reportError(tr("Cannot import the job's results"), QString::fromUtf8(e.what()));
        }
    });
    setCentralWidget(m_timeline);
    m_wiring = new LaneWiring(m_timeline, m_playback, m_session, this);
    m_trackMenu = new TrackMenu(m_timeline, m_session, this);
    connect(m_trackMenu, &TrackMenu::separateRequested, this, &MainWindow::separateDialog);
    applyColourMap();
    m_playback->setSoundFont(m_prefs.soundFont);
    setAcceptDrops(true);
    m_tracks->setSession(m_session);
    auto *trackDock = new QDockWidget(tr("Tracks"), this);
    trackDock->setObjectName(QStringLiteral("tracksDock"));
    trackDock->setWidget(m_tracks);
    addDockWidget(Qt::RightDockWidgetArea, trackDock);
    auto *jobDock = new QDockWidget(tr("Jobs"), this);
    jobDock->setObjectName(QStringLiteral("jobsDock"));
    jobDock->setWidget(m_jobs);
    addDockWidget(Qt::RightDockWidgetArea, jobDock);
    auto *modelDock = new QDockWidget(tr("Models"), this);
    modelDock->setObjectName(QStringLiteral("modelsDock"));
    modelDock->setWidget(m_models);
    addDockWidget(Qt::RightDockWidgetArea, modelDock);
    tabifyDockWidget(trackDock, modelDock);
    auto *latentDock = new QDockWidget(tr("Latent explorer"), this);
    latentDock->setObjectName(QStringLiteral("latentExplorerDock"));
    latentDock->setWidget(new LatentExplorerDock(m_host, m_session, m_playback, jobMediaFolder(), this));
    addDockWidget(Qt::RightDockWidgetArea, latentDock);
    tabifyDockWidget(modelDock, latentDock);
    trackDock->raise();
    resizeDocks({trackDock, jobDock}, {300, 300}, Qt::Horizontal);
    statusBar()->addWidget(m_status, 1);
    m_midiStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_midiStatus);
    statusBar()->addPermanentWidget(m_engineStatus);
    connect(m_playback, &PlaybackController::midiStatusChanged, m_midiStatus, &QLabel::setText);
    m_playback->setMidiInput(m_prefs.midiInput);
    buildTransport();
    buildMenus();
    connect(m_session->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_session, &Session::sessionReset, this, [this] { updateTitle(); updateStatus(); });
    connect(m_session, &Session::tempoChanged, this, &MainWindow::updateStatus);
    connect(m_session, &Session::trackAdded, this, &MainWindow::updateStatus);
    connect(m_session, &Session::trackRemoved, this, &MainWindow::updateStatus);
    connect(m_autosaver, &Autosaver::autosaveFailed, this,
            [this](const QString &m) { statusBar()->showMessage(tr("Autosave failed: %1").arg(m), 10000); });
    resize(1400, 860);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Export threads post to the job panel: let them finish before the panel goes.
    for (QThread *thread : findChildren<QThread *>())
        thread->wait();
}

void MainWindow::buildTransport()
{
    auto *bar = new QToolBar(tr("Transport"), this);
    bar->setObjectName(QStringLiteral("transportToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_transport);
    addToolBar(Qt::TopToolBarArea, bar);
    connect(m_transport, &widgets::TransportBar::playToggled, m_playback, &PlaybackController::togglePlay);
    connect(m_transport, &widgets::TransportBar::stopClicked, m_playback, &PlaybackController::stop);
    connect(m_transport, &widgets::TransportBar::loopToggled, this, [this](bool on) {
        if (on != m_session->loop().enabled)
            toggleLoop();
    });
    connect(m_transport, &widgets::TransportBar::recordToggled, this, [this](bool on) {
        if (on != m_playback->isRecording())
            m_playback->toggleRecord();
    });
    connect(m_playback, &PlaybackController::recordingChanged, m_transport, &widgets::TransportBar::setRecording);
    connect(m_session, &Session::loopChanged, this, [this](const LoopRange &l) { m_transport->setLooping(l.enabled); });
    connect(m_timeline, &widgets::TimelineView::seekRequested, m_playback, &PlaybackController::seek);
    connect(m_timeline, &widgets::TimelineView::loopRequested, this, [this](double from, double to) {
        const double rate = m_session->sampleRate();
        m_session->push(new SetLoopCommand(m_session, {std::llround(from * rate), std::llround(to * rate), true}));
    });
    connect(m_playback, &PlaybackController::positionChanged, this, [this](double s, bool playing) {
        m_timeline->setPlayheadSeconds(s, playing);
        const auto &map = m_session->tempoMap();
        const auto bb = map.barBeatAt(std::int64_t(map.tickAt(s)));
        m_transport->setPosition(QStringLiteral("%1|%2|%3").arg(bb.bar).arg(bb.beat).arg(bb.tick, 3, 10, QLatin1Char('0')), s);
        m_transport->setPlaying(playing);
    });
    connect(m_playback, &PlaybackController::masterPeaks, m_transport, &widgets::TransportBar::setMasterPeaks);
    connect(m_playback, &PlaybackController::statusChanged, this,
            [this](bool running, const QString &device, quint64 xruns, double cpu) {
                m_engineStatus->setDevice(running, device);
                m_engineStatus->setXruns(xruns);
                m_engineStatus->setCpuPercent(cpu);
            });
    connect(m_playback, &PlaybackController::message, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newSession);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { saveSession(); });
    file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addAction(tr("&Import Media..."), QKeySequence(QStringLiteral("Ctrl+I")), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Import audio or MIDI"), QString(),
            tr("Audio and MIDI (*.wav *.flac *.ogg *.mp3 *.aif *.aiff *.mid *.midi)"));
        if (!paths.isEmpty())
            importFiles(paths, m_timeline->playheadSeconds());
    });
    file->addSeparator();
    buildExportMenu(file);
    file->addSeparator();
    file->addAction(tr("&Preferences..."), QKeySequence::Preferences, this, &MainWindow::preferencesDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_session->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_session->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(QStringLiteral("Ctrl+Shift+Z")), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Clip edits on the timeline, note edits when a piano roll has the focus.
    auto routed = [this](void (widgets::TimelineView::*clips)(), void (widgets::PianoRollLane::*notes)()) {
        return [this, clips, notes] {
            if (auto *roll = qobject_cast<widgets::PianoRollLane *>(QApplication::focusWidget()))
                (roll->*notes)();
            else
                (m_timeline->*clips)();
        };
    };
    using TV = widgets::TimelineView;
    using PR = widgets::PianoRollLane;
    edit->addAction(tr("&Delete"), QKeySequence::Delete, this, routed(&TV::deleteSelection, &PR::deleteSelection));
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, routed(&TV::selectAll, &PR::selectAll));
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, routed(&TV::copySelection, &PR::copySelection));
    edit->addAction(tr("&Paste"), QKeySequence::Paste, this, routed(&TV::paste, &PR::paste));
    edit->addAction(tr("D&uplicate"), QKeySequence(QStringLiteral("Ctrl+D")), this,
                    routed(&TV::duplicateSelection, &PR::duplicateSelection));

    QMenu *transport = menuBar()->addMenu(tr("&Transport"));
    transport->addAction(tr("&Play / Pause"), QKeySequence(Qt::Key_Space), m_playback, &PlaybackController::togglePlay);
    transport->addAction(tr("&Stop"), QKeySequence(QStringLiteral("Shift+Space")), m_playback, &PlaybackController::stop);
    transport->addAction(tr("Go to &Start"), QKeySequence(Qt::Key_Home), this, [this] { m_playback->seek(0.0); });
    transport->addAction(tr("Go to &End"), QKeySequence(Qt::Key_End), this,
                         [this] { m_playback->seek(m_timeline->sessionSeconds()); });
    transport->addAction(tr("&Loop"), QKeySequence(Qt::Key_L), this, &MainWindow::toggleLoop);
    transport->addAction(tr("&Record"), QKeySequence(Qt::Key_R), m_playback, &PlaybackController::toggleRecord);

    QMenu *trackActions = menuBar()->addMenu(tr("T&rack"));
    trackActions->addAction(tr("&Separate..."), this, [this] { separateDialog(targetTrack()); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), this, [this] { m_timeline->zoomIn(); })
        ->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal), QKeySequence::ZoomIn});
    view->addAction(tr("Zoom &Out"), this, [this] { m_timeline->zoomOut(); })
        ->setShortcuts({QKeySequence(Qt::Key_Minus), QKeySequence::ZoomOut});
    view->addAction(tr("Zoom to &Fit"), QKeySequence(QStringLiteral("Ctrl+0")), m_timeline,
                    &widgets::TimelineView::zoomToFit);
    QAction *spectra = view->addAction(tr("Audio as &Spectrogram"), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    spectra->setCheckable(true);
    connect(spectra, &QAction::toggled, this, [this](bool on) {
        m_timeline->setAudioView(on ? widgets::TimelineView::AudioView::Spectrogram
                                    : widgets::TimelineView::AudioView::Waveform);
    });
    QMenu *snap = view->addMenu(tr("&Snap Clips To"));
    auto *snapGroup = new QActionGroup(snap);
    using widgets::SnapGrid;
    const std::pair<SnapGrid, QString> grids[] = {{SnapGrid::Off, tr("Off")}, {SnapGrid::Bar, tr("Bar")},
        {SnapGrid::Beat, tr("Beat")}, {SnapGrid::Quarter, tr("1/4")}, {SnapGrid::Eighth, tr("1/8")},
        {SnapGrid::Sixteenth, tr("1/16")}, {SnapGrid::ThirtySecond, tr("1/32")},
        {SnapGrid::QuarterTriplet, tr("1/4 triplet")}, {SnapGrid::EighthTriplet, tr("1/8 triplet")},
        {SnapGrid::SixteenthTriplet, tr("1/16 triplet")}, {SnapGrid::ThirtySecondTriplet, tr("1/32 triplet")}};
    for (const auto &[grid, name] : grids) {
        QAction *a = snap->addAction(name, this, [this, grid = grid] { m_timeline->setSnapGrid(grid); });
        a->setCheckable(true);
        a->setChecked(grid == m_timeline->snapGrid());
        snapGroup->addAction(a);
    }
}

void MainWindow::buildExportMenu(QMenu *file)
{
    QMenu *exp = file->addMenu(tr("&Export"));
    exp->addAction(tr("Mixdown as &WAV..."), this, [this] { exportMixdownDialog(QStringLiteral("wav")); });
    exp->addAction(tr("Mixdown as &FLAC..."), this, [this] { exportMixdownDialog(QStringLiteral("flac")); });
    exp->addAction(tr("&Stems..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export stems to"));
        if (dir.isEmpty())
            return;
        SessionExporter exporter(m_session->data());
        runExport(tr("Export stems"), [exporter, dir](const auto &) {
            return tr("%n stem file(s) written", nullptr, int(exporter.exportStems(dir).size()));
        });
    });
    for (int ppq : {480, 960}) {
        exp->addAction(tr("&MIDI (%1 PPQ)...").arg(ppq), this, [this, ppq] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export MIDI"), QString(), tr("MIDI (*.mid)"));
            if (path.isEmpty())
                return;
            SessionExporter exporter(m_session->data());
            runExport(tr("Export MIDI"), [exporter, path, ppq](const auto &) {
                return tr("%n note(s) written", nullptr, exporter.exportMidi(path, ppq));
            });
        });
    }
    exp->addAction(tr("&Annotations (CSV and .lab)..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export annotations to"));
        if (dir.isEmpty())
            return;
        SessionExporter exporter(m_session->data());
        runExport(tr("Export annotations"), [exporter, dir](const auto &) {
            return tr("%n file(s) written", nullptr, int(exporter.exportAnnotations(dir).size()));
        });
    });
    exp->addAction(tr("Timeline as &PNG..."), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export image"), QString(), tr("PNG (*.png)"));
        if (!path.isEmpty() && !exportTimelinePng(path))
            reportError(tr("Cannot export image"), tr("Cannot write %1").arg(path));
    });
}

void MainWindow::exportMixdownDialog(const QString &suffix)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export mixdown"), QString(),
                                                      suffix == QLatin1String("flac") ? tr("FLAC (*.flac)") : tr("WAV (*.wav)"));
    if (!path.isEmpty())
        exportMixdown(path);
}

int MainWindow::exportMixdown(const QString &path)
{
    SessionExporter exporter(m_session->data());
    return runExport(tr("Mixdown %1").arg(QFileInfo(path).fileName()), [exporter, path](const auto &progress) {
        const std::int64_t frames = exporter.exportMixdown(path, progress);
        return tr("%1 frames written").arg(frames);
    });
}

int MainWindow::runExport(const QString &title, std::function<QString(const std::function<bool(double)> &)> work)
{
    const int id = m_nextExportId--;
    m_jobs->addJob(id, title);
    m_jobs->setProgress(id, -1.0, tr("running"));
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    connect(m_jobs, &widgets::JobPanel::cancelRequested, this, [id, cancelled](int which) {
        if (which == id)
            cancelled->store(true);
    });
    QPointer<widgets::JobPanel> panel = m_jobs;
    QThread *thread = QThread::create([work = std::move(work), cancelled, panel, id] {
        QString text;
        bool ok = true;
        try {
            text = work([&](double fraction) {
                QMetaObject::invokeMethod(panel, [panel, id, fraction] {
                    if (panel)
                        panel->setProgress(id, fraction);
                }, Qt::QueuedConnection);
                return !cancelled->load();
            });
            if (cancelled->load())
                text = tr("cancelled"), ok = false;
        } catch (const std::exception &e) {
            text = tr("failed: %1").arg(QString::fromUtf8(e.what()));
            ok = false;
        }
        QMetaObject::invokeMethod(panel, [panel, id, text, ok] {
            if (panel)
                panel->setFinished(id, text, ok);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->setParent(this);
    thread->start();
    return id;
}

int MainWindow::runJob(const JobRequest &request, const QList<SourceId> &inputs)
{
    const int id = m_runner->submit(request);
    if (!isFinished(m_runner->info(id).state))
        m_importOnDone.insert(id, inputs);
    return id;
}

TrackId MainWindow::targetTrack() const
{
    const auto &selection = m_timeline->selection();
    return selection.empty() ? m_timeline->currentTrack() : selection.front().track;
}

void MainWindow::separateDialog(const TrackId &track)
{
    const Track *t = m_session->track(track);
    if (!t || t->kind != Track::Kind::Audio || t->clips.empty()) {
        reportError(tr("Cannot separate"), tr("Click an audio track with a clip first."));
        return;
    }
    SeparateDialog dialog(*m_host, this);
    if (dialog.choiceCount() == 0) {
        reportError(tr("Cannot separate"), tr("No plugin declares the \"separate\" capability."));
        return;
    }
    if (dialog.exec() == QDialog::Accepted)
        separateTrack(track, dialog.plugin(), dialog.method().id, dialog.parameters());
}

int MainWindow::separateTrack(const TrackId &track, const QString &plugin, const QString &method, const QVariantMap &params)
{
    const Track *t = m_session->track(track);
    const PluginSpec *spec = m_host->plugin(plugin);
    const sdk::MethodSpec *found = nullptr;
    if (spec)
        for (const sdk::MethodSpec &m : spec->manifest().methods)
            if (m.id == method)
                found = &m;
    if (!t || t->kind != Track::Kind::Audio || t->clips.empty() || !found) {
        reportError(tr("Cannot separate"), !found ? tr("%1 has no method %2").arg(plugin, method)
                                                  : tr("The track is not an audio track with a clip."));
        return -1;
    }
    JobRequest request;
    request.plugin = plugin;
    request.method = method;
    request.params = params;
    QList<SourceId> sources;
    QString error;
    try {
        if (!JobInputs::build(*m_session, *found, {widgets::ClipRef{track, t->clips.front().id}}, &request.inputs, &sources, &error)) {
            reportError(tr("Cannot separate"), error);
            return -1;
        }
    } catch (const std::exception &e) {
        reportError(tr("Cannot separate"), QString::fromUtf8(e.what()));
        return -1;
    }
    const int id = runJob(request, sources);
    if (!isFinished(m_runner->info(id).state))
        m_pending->watch(id, jobMediaFolder(), sources);
    return id;
}

QString MainWindow::jobMediaFolder() const
{
    const QString file = m_session->filePath();
    if (file.isEmpty())
        return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("unsaved-media"));
    const QFileInfo info(file);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".media"));
}

bool MainWindow::exportTimelinePng(const QString &path)
{
    return m_timeline->grab().save(path, "PNG");
}

void MainWindow::settleForScreenshot()
{
    m_timeline->zoomToFit();
    m_timeline->grab(); // asks the lanes for their data (peaks are built on workers)
    m_timeline->peakCache()->waitForAll();
    QCoreApplication::processEvents();
}

bool MainWindow::startAudio()
{
    AudioDevice::Options options;
    options.deviceName = m_prefs.audioDevice;
    options.framesPerBuffer = m_prefs.bufferFrames;
    options.sampleRate = m_session->sampleRate();
    const bool ok = m_playback->startAudio(options);
    if (!ok)
        statusBar()->showMessage(tr("No audio device: %1").arg(m_playback->deviceText()), 10000);
    return ok;
}

void MainWindow::applyColourMap()
{
    using widgets::ColourMap;
    for (auto name : {ColourMap::Name::Viridis, ColourMap::Name::Magma, ColourMap::Name::Inferno, ColourMap::Name::Greys})
        if (ColourMap::displayName(name) == m_prefs.colourMap)
            m_timeline->setColourMap(name);
}

void MainWindow::toggleLoop()
{
    LoopRange loop = m_session->loop();
    if (!loop.enabled && loop.end <= loop.start) {
        // No range yet: loop what is on screen.
        const double rate = m_session->sampleRate();
        loop.start = std::llround(m_timeline->axis()->leftSeconds() * rate);
        loop.end = std::llround(m_timeline->axis()->rightSeconds() * rate);
    }
    loop.enabled = !loop.enabled;
    m_session->push(new SetLoopCommand(m_session, loop));
}

bool MainWindow::importFiles(const QStringList &paths, double atSeconds)
{
    MediaImporter importer(*m_session);
    const auto made = importer.import(paths, std::llround(std::max(0.0, atSeconds) * m_session->sampleRate()));
    if (!importer.errors().isEmpty()) {
        reportError(tr("Cannot import"), importer.errors().join(QLatin1Char('\n')));
        return false;
    }
    statusBar()->showMessage(tr("Imported %n track(s)", nullptr, int(made.size())), 5000);
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile() && MediaImporter::canImport(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile() && MediaImporter::canImport(url.toLocalFile()))
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    // Dropped over the lanes: at the time under the cursor; elsewhere: at the start.
    double at = 0.0;
    const QList<widgets::Lane *> lanes = m_timeline->lanes();
    const QPoint inTimeline = m_timeline->mapFrom(this, event->position().toPoint());
    if (!lanes.isEmpty()) {
        const int laneX = lanes.front()->mapFrom(m_timeline, inTimeline).x();
        if (laneX >= 0 && m_timeline->rect().contains(inTimeline))
            at = m_timeline->axis()->secondsForX(laneX);
    }
    event->acceptProposedAction();
    importFiles(paths, at);
}

void MainWindow::preferencesDialog()
{
    QStringList devices, ins, outs;
    for (const AudioDeviceInfo &d : AudioDevice::devices())
        if (d.maxOutputChannels > 0)
            devices << d.name;
    for (const auto &p : MidiPorts::inputPorts())
        ins << p.name;
    for (const auto &p : MidiPorts::outputPorts())
        outs << p.name;
    PreferencesDialog dialog(m_prefs, devices, ins, outs, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Preferences before = m_prefs;
    m_prefs = dialog.preferences();
    m_prefs.save();
    applyColourMap();
    m_playback->setSoundFont(m_prefs.soundFont);
    if (m_prefs.midiInput != before.midiInput)
        m_playback->setMidiInput(m_prefs.midiInput);
    if (m_prefs.audioDevice != before.audioDevice || m_prefs.bufferFrames != before.bufferFrames) {
        m_playback->device()->close();
        startAudio();
    }
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : m_prefs.recentFiles)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openSession(path);
        })->setToolTip(path);
    m_recentMenu->setEnabled(!m_prefs.recentFiles.isEmpty());
}

void MainWindow::rememberRecent(const QString &path)
{
    m_prefs.addRecent(QFileInfo(path).absoluteFilePath());
    if (m_interactive)
        m_prefs.save();
    rebuildRecentMenu();
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    m_lastError = message;
    qCWarning(lcApp).noquote() << title << ":" << message;
    statusBar()->showMessage(message, 15000);
    if (m_interactive)
        QMessageBox::critical(this, title, message);
}

bool MainWindow::openSession(const QString &path)
{
    try {
        if (Autosaver::recoverable(path)) {
            const bool recover = m_interactive &&
                QMessageBox::question(this, tr("Recover unsaved work?"),
                    tr("An autosave of %1 is newer than the saved session, probably from a crash. "
                       "Recover the unsaved work?").arg(QFileInfo(path).fileName()),
                    QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
            if (recover) {
                Autosaver::recover(*m_session, path);
                statusBar()->showMessage(tr("Recovered unsaved work from the autosave"), 10000);
                updateTitle();
                m_timeline->zoomToFit();
                return true;
            }
        }
        m_session->load(path);
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
        updateTitle();
        m_timeline->zoomToFit();
        rememberRecent(path);
        return true;
    } catch (const SessionError &e) {
        reportError(tr("Cannot open session"), e.text());
    } catch (const std::exception &e) {
        reportError(tr("Cannot open session"), QString::fromUtf8(e.what()));
    }
    return false;
}

bool MainWindow::saveSession(const QString &path)
{
    const QString target = path.isEmpty() ? m_session->filePath() : path;
    if (target.isEmpty()) {
        saveAsDialog();
        return !m_session->filePath().isEmpty() && m_session->undoStack()->isClean();
    }
    try {
        m_session->save(target);
        statusBar()->showMessage(tr("Saved %1").arg(target), 5000);
        updateTitle();
        rememberRecent(target);
        return true;
    } catch (const SessionError &e) {
        reportError(tr("Cannot save session"), e.text());
    } catch (const std::exception &e) {
        reportError(tr("Cannot save session"), QString::fromUtf8(e.what()));
    }
    return false;
}

void MainWindow::newSession()
{
    if (!maybeSave())
        return;
    m_session->reset(SessionData{});
    m_session->setFilePath(QString());
    updateTitle();
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(),
        tr("MIR Studio sessions (*.mirstudio *.json)"));
    if (!path.isEmpty())
        openSession(path);
}

void MainWindow::saveAsDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), m_session->filePath(),
        tr("MIR Studio sessions (*.mirstudio)"));
    if (!path.isEmpty())
        saveSession(path);
}

bool MainWindow::maybeSave()
{
    if (m_session->undoStack()->isClean() || !m_interactive)
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
        tr("The session has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveSession();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

void MainWindow::updateTitle()
{
    const QString file = m_session->filePath().isEmpty() ? tr("Untitled")
                                                         : QFileInfo(m_session->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1%2 - MIR Studio")
                       .arg(file, m_session->undoStack()->isClean() ? QString() : QStringLiteral(" *")));
}

QString MainWindow::midiStatusText() const
{
    return m_midiStatus->text();
}

void MainWindow::updateStatus()
{
    const auto &map = m_session->tempoMap();
    const auto sig = map.timeSignatureAt(0);
    m_transport->setTempo(map.bpmAt(0), sig.numerator, sig.denominator);
    m_status->setText(tr("%1 Hz  |  %2 bpm  %3/%4  |  %n track(s)", nullptr, m_session->trackCount())
                          .arg(m_session->sampleRate())
                          .arg(map.bpmAt(0), 0, 'f', 1)
                          .arg(sig.numerator)
                          .arg(sig.denominator));
}

} // namespace mirstudio
