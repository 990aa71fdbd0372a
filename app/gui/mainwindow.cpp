// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mainwindow.h"

#include "core/session/autosaver.h"
#include "core/session/session.h"
#include "core/session/sessionerror.h"
#include "widgets/tracklistview.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

Q_LOGGING_CATEGORY(lcApp, "mirstudio.app")

namespace mirstudio {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
    , m_autosaver(new Autosaver(m_session, this))
    , m_tracks(new widgets::TrackListView(this))
    , m_status(new QLabel(this))
{
    setCentralWidget(m_tracks);
    m_tracks->setSession(m_session);
    statusBar()->addWidget(m_status, 1);
    buildMenus();
    connect(m_session->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_session, &Session::sessionReset, this, [this] { updateTitle(); updateStatus(); });
    connect(m_session, &Session::tempoChanged, this, &MainWindow::updateStatus);
    connect(m_autosaver, &Autosaver::autosaveFailed, this,
            [this](const QString &m) { statusBar()->showMessage(tr("Autosave failed: %1").arg(m), 10000); });
    resize(1100, 700);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newSession);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { saveSession(); });
    file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_session->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_session->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(QStringLiteral("Ctrl+Shift+Z")), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
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
                return true;
            }
        }
        m_session->load(path);
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
        updateTitle();
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

void MainWindow::updateStatus()
{
    const auto &map = m_session->tempoMap();
    const auto sig = map.timeSignatureAt(0);
    m_status->setText(tr("%1 Hz  |  %2 bpm  %3/%4  |  %n track(s)", nullptr, m_session->trackCount())
                          .arg(m_session->sampleRate())
                          .arg(map.bpmAt(0), 0, 'f', 1)
                          .arg(sig.numerator)
                          .arg(sig.denominator));
}

} // namespace mirstudio
