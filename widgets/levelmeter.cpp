// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/levelmeter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

namespace {

constexpr double kFloorDb = -60.0;
constexpr double kTopDb = 6.0;
constexpr double kFallDbPerUpdate = 0.7;

} // namespace

LevelMeter::LevelMeter(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(60, 6);
}

void LevelMeter::setPeak(float linear)
{
    const double db = linear > 0 ? 20.0 * std::log10(double(linear)) : -120.0;
    const double next = std::max(db, m_levelDb - kFallDbPerUpdate);
    if (linear >= 1.0f)
        m_clipped = true;
    if (std::abs(next - m_levelDb) < 0.05 && !(linear >= 1.0f))
        return;
    m_levelDb = next;
    update();
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(20, 22, 25));
    const double span = kTopDb - kFloorDb;
    const double fraction = std::clamp((m_levelDb - kFloorDb) / span, 0.0, 1.0);
    const int w = int(fraction * (width() - 4));
    const int yellowX = int((-12.0 - kFloorDb) / span * width());
    const int redX = int((0.0 - kFloorDb) / span * width());
    p.fillRect(QRect(0, 0, std::min(w, yellowX), height()), QColor(80, 200, 110));
    if (w > yellowX)
        p.fillRect(QRect(yellowX, 0, std::min(w, redX) - yellowX, height()), QColor(230, 200, 70));
    if (w > redX)
        p.fillRect(QRect(redX, 0, w - redX, height()), QColor(230, 70, 60));
    p.fillRect(QRect(width() - 4, 0, 4, height()), m_clipped ? QColor(255, 40, 40) : QColor(60, 30, 30));
}

void LevelMeter::mousePressEvent(QMouseEvent *)
{
    m_clipped = false;
    update();
}

} // namespace mirstudio::widgets
