// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace mirstudio::widgets {

class NoteAudition;
class PianoRollLane;

/**
 * The vertical keyboard left of the piano roll, row for row with its PianoRollLane. Pressing a
 * key auditions it through the NoteAudition (sliding over keys plays each); releasing stops it.
 * Does not own the lane or the audition. GUI thread only.
 */
class PianoKeyboard : public QWidget
{
    Q_OBJECT
public:
    PianoKeyboard(PianoRollLane *roll, NoteAudition *audition, QWidget *parent = nullptr);

    QSize sizeHint() const override { return {56, 200}; }
    /** The key being held, or -1. */
    int heldKey() const { return m_held; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    PianoRollLane *m_roll;
    NoteAudition *m_audition;
    int m_held = -1;
};

} // namespace mirstudio::widgets
