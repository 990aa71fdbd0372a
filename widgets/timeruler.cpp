// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/timeruler.h"

#include "widgets/timeaxis.h"

#include <QMouseEvent>
#include <QPainter>

#include <array>
#include <cmath>

namespace mirstudio::widgets {

namespace {

constexpr double kMinBarSpacing = 48.0;
constexpr double kMinBeatSpacing = 7.0;
constexpr double kMinSecondsSpacing = 70.0;

QString clockLabel(double s, double step)
{
    const int decimals = step >= 1.0 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    const int minutes = int(s / 60.0);
    const double rest = s - minutes * 60.0;
    if (minutes == 0 && s < 60.0)
        return QString::number(rest, 'f', decimals) + QLatin1Char('s');
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, decimals ? 3 + decimals : 2, 'f', decimals,
                                                   QLatin1Char('0'));
}

} // namespace

TimeRuler::TimeRuler(TimeAxis *axis, QWidget *parent)
    : QWidget(parent)
    , m_axis(axis)
{
    setFixedHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_axis, &TimeAxis::changed, this, qOverload<>(&QWidget::update));
}

void TimeRuler::setPlayheadSeconds(double seconds)
{
    if (seconds == m_playhead)
        return;
    m_playhead = seconds;
    update();
}

void TimeRuler::setLoop(double startSeconds, double endSeconds)
{
    m_loopStart = startSeconds;
    m_loopEnd = endSeconds;
    update();
}

QVector<QPair<qint64, double>> TimeRuler::barTicks() const
{
    QVector<QPair<qint64, double>> ticks;
    const auto &map = m_axis->tempoMap();
    const double left = m_axis->leftSeconds();
    const double right = m_axis->rightSeconds();
    const std::int64_t firstBar = map.barBeatAt(std::int64_t(map.tickAt(left))).bar;
    // The step grows in powers of two until bars are far enough apart at this zoom.
    const double barSeconds = map.secondsAt(double(map.tickOfBar(firstBar + 1))) -
                              map.secondsAt(double(map.tickOfBar(firstBar)));
    std::int64_t step = 1;
    while (barSeconds * double(step) * m_axis->pixelsPerSecond() < kMinBarSpacing && step < (1 << 24))
        step *= 2;
    std::int64_t bar = ((firstBar - 1) / step) * step + 1;
    for (; ; bar += step) {
        const double s = map.secondsAt(double(map.tickOfBar(bar)));
        if (s > right)
            break;
        if (s >= left - 1e-9)
            ticks.append({bar, m_axis->xForSeconds(s)});
    }
    return ticks;
}

double TimeRuler::secondsStep() const
{
    static constexpr std::array<double, 22> steps{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2,
        0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (double s : steps)
        if (s * m_axis->pixelsPerSecond() >= kMinSecondsSpacing)
            return s;
    return steps.back();
}

void TimeRuler::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(46, 48, 54));
    const int mid = height() / 2;
    if (m_loopEnd > m_loopStart) {
        const double x0 = m_axis->xForSeconds(m_loopStart), x1 = m_axis->xForSeconds(m_loopEnd);
        p.fillRect(QRectF(x0, 0, x1 - x0, mid), QColor(70, 110, 160, 120));
    }
    const auto &map = m_axis->tempoMap();
    const QColor text(210, 212, 218), line(120, 124, 132);
    // Beats between bar lines, when they do not crowd.
    const auto bars = barTicks();
    for (int i = 0; i < bars.size(); ++i) {
        const auto [bar, x] = bars[i];
        p.setPen(line);
        p.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, mid));
        p.setPen(text);
        p.drawText(QPointF(x + 3, 12), QString::number(bar));
        const auto sig = map.timeSignatureAt(double(map.tickOfBar(bar)));
        const double beatTicks = map.ppq() * 4.0 / sig.denominator;
        const double beatPixels = (map.secondsAt(map.tickOfBar(bar) + beatTicks) -
                                   map.secondsAt(map.tickOfBar(bar))) * m_axis->pixelsPerSecond();
        if (beatPixels < kMinBeatSpacing || (i + 1 < bars.size() && bars[i + 1].first != bar + 1))
            continue;
        p.setPen(line);
        for (int beat = 1; beat < sig.numerator; ++beat) {
            const double bx = m_axis->xForSeconds(map.secondsAt(map.tickOfBar(bar) + beat * beatTicks));
            p.drawLine(QPointF(bx + 0.5, mid - 5), QPointF(bx + 0.5, mid));
        }
    }
    // Clock time.
    const double step = secondsStep();
    p.setPen(QColor(90, 94, 102));
    p.drawLine(0, mid, width(), mid);
    for (double s = std::floor(m_axis->leftSeconds() / step) * step; s <= m_axis->rightSeconds(); s += step) {
        const double x = m_axis->xForSeconds(s);
        p.setPen(line);
        p.drawLine(QPointF(x + 0.5, mid), QPointF(x + 0.5, mid + 6));
        p.setPen(text.darker(120));
        p.drawText(QPointF(x + 3, height() - 5), clockLabel(s, step));
    }
    if (m_playhead >= 0) {
        const double x = m_axis->xForSeconds(m_playhead);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 80, 60));
        p.drawPolygon(QPolygonF({QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 8)}));
        p.setPen(QColor(255, 80, 60));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

void TimeRuler::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const double s = std::max(0.0, m_axis->secondsForX(event->position().x()));
    if (event->modifiers() & Qt::ShiftModifier)
        m_dragFrom = s;
    else
        Q_EMIT seekRequested(s);
}

void TimeRuler::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragFrom < 0)
        return;
    const double s = std::max(0.0, m_axis->secondsForX(event->position().x()));
    setLoop(std::min(m_dragFrom, s), std::max(m_dragFrom, s));
}

void TimeRuler::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragFrom < 0)
        return;
    const double s = std::max(0.0, m_axis->secondsForX(event->position().x()));
    const double from = std::min(m_dragFrom, s), to = std::max(m_dragFrom, s);
    m_dragFrom = -1.0;
    if (to > from)
        Q_EMIT loopRequested(from, to);
}

} // namespace mirstudio::widgets
