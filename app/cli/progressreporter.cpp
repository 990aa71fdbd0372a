// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/progressreporter.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace mirstudio::cli {

ProgressReporter::ProgressReporter(QTextStream &err, const QString &label, bool terminal)
    : m_err(err), m_label(label), m_terminal(terminal)
{
    m_sinceLine.start();
}

bool ProgressReporter::stderrIsTerminal()
{
    return isatty(fileno(stderr)) == 1;
}

void ProgressReporter::update(double fraction, const QString &status)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int percent = int(fraction * 100.0);
    if (m_terminal) {
        constexpr int width = 30;
        const int filled = int(fraction * width);
        m_err << '\r' << m_label << " [" << QString(filled, QLatin1Char('#'))
              << QString(width - filled, QLatin1Char('.')) << "] " << qSetFieldWidth(3) << percent
              << qSetFieldWidth(0) << "% " << status.left(40) << "\x1b[K";
        m_err.flush();
        m_drawn = true;
        return;
    }
    const int step = percent / 10;
    if (step == m_lastStep && m_sinceLine.elapsed() < 5000)
        return;
    m_lastStep = step;
    m_sinceLine.restart();
    m_err << m_label << ": " << percent << "% " << status << '\n';
    m_err.flush();
}

void ProgressReporter::finish()
{
    if (m_terminal && m_drawn) {
        m_err << '\n';
        m_err.flush();
    }
    m_drawn = false;
}

} // namespace mirstudio::cli
