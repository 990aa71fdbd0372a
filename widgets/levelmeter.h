// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace mirstudio::widgets {

/**
 * A horizontal peak meter for one channel: -60..+6 dBFS, green/yellow/red, with a falling bar
 * (about 20 dB/s when fed at 30 Hz) and a red clip mark held until clicked. Fed by the window's
 * meter timer with peaks taken from the engine. GUI thread only.
 */
class LevelMeter : public QWidget
{
    Q_OBJECT
public:
    explicit LevelMeter(QWidget *parent = nullptr);

    /** A new linear peak (0..1+); the bar falls off gradually when peaks are lower. */
    void setPeak(float linear);
    double levelDb() const { return m_levelDb; }
    bool clipped() const { return m_clipped; }

    QSize sizeHint() const override { return {120, 8}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    double m_levelDb = -120.0;
    bool m_clipped = false;
};

} // namespace mirstudio::widgets
