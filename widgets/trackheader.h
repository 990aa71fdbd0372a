// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QFrame>

class QLabel;
class QSlider;
class QToolButton;

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

/**
 * The header beside a lane: the track's colour, name (double-click to rename), mute, solo,
 * record-arm (MIDI tracks) and a gain fader in dB. Every edit is a TrackPropertyCommand on the
 * session's undo stack (fader moves merge into one step); the header follows the session's
 * trackChanged signal, so undo updates it too.
 *
 * Does not own the session. GUI thread only.
 */
class TrackHeader : public QFrame
{
    Q_OBJECT
public:
    static constexpr int kWidth = 200;

    TrackHeader(Session *session, const TrackId &track, QWidget *parent = nullptr);

    TrackId trackId() const { return m_track; }
    QToolButton *muteButton() const { return m_mute; }
    QToolButton *soloButton() const { return m_solo; }
    QToolButton *armButton() const { return m_arm; }
    QSlider *gainSlider() const { return m_gain; }

    /** Reads name, colour and states from the session. */
    void refresh();

protected:
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QToolButton *makeToggle(const QString &text, const QString &tip, int property);

    Session *m_session;
    TrackId m_track;
    QLabel *m_name = nullptr;
    QLabel *m_gainText = nullptr;
    QToolButton *m_mute = nullptr;
    QToolButton *m_solo = nullptr;
    QToolButton *m_arm = nullptr;
    QSlider *m_gain = nullptr;
    bool m_refreshing = false;
};

} // namespace mirstudio::widgets
