// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace mirstudio::widgets {

/**
 * The list of background jobs: one row per job with its title, a progress bar, the job's status
 * text and a cancel button (cancelRequested(id)). It knows nothing of the runner: the window
 * feeds it with the runner's signals (queued -> addJob, progress -> setProgress,
 * finished -> setFinished), so any job source (plugin jobs, exports) can use it.
 * Finished rows stay, greyed, until clearFinished(). GUI thread only.
 */
class JobPanel : public QWidget
{
    Q_OBJECT
public:
    explicit JobPanel(QWidget *parent = nullptr);

    void addJob(int id, const QString &title);
    /** `fraction` 0..1, or negative for "busy, unknown progress". */
    void setProgress(int id, double fraction, const QString &status = QString());
    /** Marks a job finished with `text` ("done", "failed: ...", "cancelled"). */
    void setFinished(int id, const QString &text, bool ok);
    void clearFinished();

    int jobCount() const { return int(m_rows.size()); }
    bool contains(int id) const { return m_rows.contains(id); }
    /** Progress in percent (the bar's value), -1 for an unknown job. */
    int progressPercent(int id) const;
    QString statusText(int id) const;
    QToolButton *cancelButton(int id) const;

Q_SIGNALS:
    void cancelRequested(int id);

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *status = nullptr;
        QToolButton *cancel = nullptr;
        bool finished = false;
    };
    QVBoxLayout *m_list;
    QLabel *m_empty;
    QHash<int, Row> m_rows;
};

} // namespace mirstudio::widgets
