// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

namespace mirstudio::cli {

/**
 * Shows a job's progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain
 * line at every 10 % step or every 5 s (so logs of batch runs stay readable). Main thread only.
 */
class ProgressReporter
{
public:
    ProgressReporter(QTextStream &err, const QString &label, bool terminal);
    /** True when stderr is a terminal (isatty). */
    static bool stderrIsTerminal();

    void update(double fraction, const QString &status);
    /** Ends the bar's line (terminal) so later messages start on a fresh line. */
    void finish();

private:
    QTextStream &m_err;
    QString m_label;
    bool m_terminal;
    bool m_drawn = false;
    int m_lastStep = -1;
    QElapsedTimer m_sinceLine;
};

} // namespace mirstudio::cli
