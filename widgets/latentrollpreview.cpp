// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentrollpreview.h"

#include <QPainter>

#include <algorithm>

namespace mirstudio::widgets {

LatentRollPreview::LatentRollPreview(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(60);
}

void LatentRollPreview::setNotes(const sdk::NoteSequence &notes)
{
    m_notes = notes;
    update();
}

void LatentRollPreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_notes.notes.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Click the map to decode"));
        return;
    }
    int low = 127, high = 0;
    double end = m_notes.duration;
    for (const sdk::Note &n : m_notes.notes) {
        low = std::min(low, n.pitch);
        high = std::max(high, n.pitch);
        end = std::max(end, n.start + n.duration);
    }
    low = std::max(0, low - 2);
    high = std::min(127, high + 2);
    const double rowH = double(height()) / double(high - low + 1);
    const double xScale = end > 0 ? double(width()) / end : 1.0;
    p.setPen(Qt::NoPen);
    p.setBrush(palette().highlight());
    for (const sdk::Note &n : m_notes.notes)
        p.drawRect(QRectF(n.start * xScale, (high - n.pitch) * rowH, std::max(2.0, n.duration * xScale),
                          std::max(2.0, rowH - 1.0)));
}

} // namespace mirstudio::widgets
