// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace mirstudio::widgets {

class LevelMeter;

/**
 * The transport: play/pause, stop (to the start), loop and record toggles, the position in
 * bars|beats|ticks and h:mm:ss.mmm, tempo and meter, and two master level meters. It only
 * shows state and asks (signals); the window drives the engine and feeds it back at its meter
 * rate. GUI thread only.
 */
class TransportBar : public QWidget
{
    Q_OBJECT
public:
    explicit TransportBar(QWidget *parent = nullptr);

    void setPlaying(bool playing);
    void setLooping(bool looping);
    void setRecording(bool recording);
    /** `barBeat` e.g. "3|2|480", `seconds` the clock time. */
    void setPosition(const QString &barBeat, double seconds);
    void setTempo(double bpm, int numerator, int denominator);
    void setMasterPeaks(float left, float right);

    QToolButton *playButton() const { return m_play; }
    QToolButton *stopButton() const { return m_stop; }
    QToolButton *loopButton() const { return m_loop; }
    QToolButton *recordButton() const { return m_record; }
    QString positionText() const;

    /** "h:mm:ss.mmm" (hours only when needed). */
    static QString clockText(double seconds);

Q_SIGNALS:
    void playToggled();
    void stopClicked();
    void loopToggled(bool on);
    void recordToggled(bool on);

private:
    QToolButton *m_play;
    QToolButton *m_stop;
    QToolButton *m_loop;
    QToolButton *m_record;
    QLabel *m_bars;
    QLabel *m_clock;
    QLabel *m_tempo;
    LevelMeter *m_left;
    LevelMeter *m_right;
};

} // namespace mirstudio::widgets
