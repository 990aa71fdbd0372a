// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLabel;

namespace mirstudio {
class Autosaver;
class Session;
namespace widgets {
class TrackListView;
}

/**
 * The MIR Studio main window: owns the open Session, its Autosaver and the views on it; the
 * File and Edit menus (new, open, save, save as, undo, redo) and a status bar. Errors from
 * loading or saving are shown in a dialog (or, with `setInteractive(false)`, only logged and
 * kept in lastError()) and never lose the open work. GUI thread only.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session; }
    widgets::TrackListView *trackList() const { return m_tracks; }
    /** False: no modal dialogs (screenshots, tests); answers default to "keep what is open". */
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString lastError() const { return m_lastError; }

    /** Opens `path`, offering to recover a newer autosave. Returns false (and reports) on error. */
    bool openSession(const QString &path);
    /** Saves to `path` (the current file when empty). Returns false (and reports) on error. */
    bool saveSession(const QString &path = QString());

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void newSession();
    void openDialog();
    void saveAsDialog();
    bool maybeSave();
    void reportError(const QString &title, const QString &message);
    void updateTitle();
    void updateStatus();

    Session *m_session = nullptr;
    Autosaver *m_autosaver = nullptr;
    widgets::TrackListView *m_tracks = nullptr;
    QLabel *m_status = nullptr;
    bool m_interactive = true;
    QString m_lastError;
};

} // namespace mirstudio
