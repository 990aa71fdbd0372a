// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVector>
#include <QWidget>

namespace mirstudio::widgets {

class TimeAxis;

/**
 * The ruler above the lanes: bars and beats from the axis' tempo map (top half) and clock time
 * (bottom half), tick spacing chosen from the zoom so labels never crowd; the loop range as a
 * band and the playhead as a marker. A click asks to move the playhead there (seekRequested);
 * a Shift+drag draws a loop range (loopRequested on release).
 *
 * Does not own the axis. GUI thread only.
 */
class TimeRuler : public QWidget
{
    Q_OBJECT
public:
    explicit TimeRuler(TimeAxis *axis, QWidget *parent = nullptr);

    /** The bar numbers and x positions drawn at the current zoom/scroll (for tests). */
    QVector<QPair<qint64, double>> barTicks() const;
    /** The clock-time tick step in seconds at the current zoom. */
    double secondsStep() const;

    void setPlayheadSeconds(double seconds);
    /** Shows [start, end) seconds as the loop band; end <= start hides it. */
    void setLoop(double startSeconds, double endSeconds);

    QSize sizeHint() const override { return {400, 40}; }

Q_SIGNALS:
    void seekRequested(double seconds);
    void loopRequested(double startSeconds, double endSeconds);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    TimeAxis *m_axis;
    double m_playhead = -1.0;
    double m_loopStart = 0.0;
    double m_loopEnd = 0.0;
    double m_dragFrom = -1.0; // seconds where a loop drag started; < 0: none
};

} // namespace mirstudio::widgets
