// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/lanepainting.h"

#include <QPainter>

#include <algorithm>

namespace mirstudio::widgets {

QColor laneBackground()
{
    return {34, 36, 40};
}

QColor trackColour(const QColor &colour, int fallbackIndex)
{
    if (colour.isValid())
        return colour;
    return QColor::fromHsv((fallbackIndex * 67 + 200) % 360, 150, 210);
}

QColor readableOnDark(const QColor &colour)
{
    const QColor hsl = colour.toHsl();
    return QColor::fromHsl(hsl.hslHue(), hsl.hslSaturation(), std::max(hsl.lightness(), 175));
}

void paintClipBox(QPainter &painter, const QRectF &box, const QColor &colour, bool selected,
                  const QString &title)
{
    QColor fill = colour.darker(260);
    fill.setAlpha(230);
    painter.fillRect(box, fill);
    painter.setPen(QPen(selected ? QColor(255, 255, 255) : colour.darker(130), selected ? 2 : 1));
    painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5));
    if (!title.isEmpty() && box.width() > 30) {
        painter.setPen(readableOnDark(colour));
        painter.drawText(box.adjusted(4, 1, -2, 0), Qt::AlignLeft | Qt::AlignTop, title);
    }
}

} // namespace mirstudio::widgets
