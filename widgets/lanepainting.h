// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

class QPainter;

namespace mirstudio::widgets {

/** The lane background colour (dark theme). */
QColor laneBackground();
/** A track's colour, or a stable colour derived from `fallbackIndex` when it has none. */
QColor trackColour(const QColor &colour, int fallbackIndex);
/** `colour` lightened until it reads on the dark lane background (text, lines). */
QColor readableOnDark(const QColor &colour);
/** Draws a clip's box (fill, outline, selection, title) clipped to the painter's clip. */
void paintClipBox(QPainter &painter, const QRectF &box, const QColor &colour, bool selected,
                  const QString &title);

} // namespace mirstudio::widgets
