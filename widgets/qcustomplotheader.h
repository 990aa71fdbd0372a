// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// QCustomPlot's header uses the Qt keywords signals, slots, emit and foreach, which
// QT_NO_KEYWORDS removes project-wide. Include it through this header: the keywords are mapped
// to their Q_ macros for the header only and removed again afterwards.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
