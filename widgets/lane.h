// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QSet>
#include <QWidget>

namespace mirstudio::widgets {

class TimeAxis;

/**
 * Base of every timeline lane (waveform, spectrogram, piano roll, stems, annotations): a
 * custom-painted row that maps time to x through the window's shared TimeAxis, so all lanes
 * align exactly. Repaints when the axis changes and draws the playhead line (set by the window)
 * over whatever the subclass paints in paintLane(). The axis width follows the lane's width.
 *
 * Subclasses implement paintLane() and paint only the visible range. Does not own the axis
 * (the window does; it outlives its lanes). GUI thread only.
 */
class Lane : public QWidget
{
    Q_OBJECT
public:
    Lane(TimeAxis *axis, const TrackId &track, QWidget *parent = nullptr);

    TimeAxis *axis() const { return m_axis; }
    TrackId trackId() const { return m_track; }

    int preferredHeight() const { return m_preferredHeight; }
    void setPreferredHeight(int height);

    /** The playhead position in seconds; negative hides it. */
    double playheadSeconds() const { return m_playheadSeconds; }
    void setPlayheadSeconds(double seconds);

    /** The clips drawn as selected; the timeline sets them. */
    bool isSelected(const ClipId &clip) const { return m_selected.contains(clip); }
    void setSelectedClips(const QSet<ClipId> &clips);

    /** Whether the timeline selects clips by clicks on this lane (editor lanes take clicks). */
    bool selectsClips() const { return m_selectsClips; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    /** Paints the lane's content inside `dirty` (widget coordinates). */
    virtual void paintLane(QPainter &painter, const QRect &dirty) = 0;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void setSelectsClips(bool on) { m_selectsClips = on; }

private:
    int playheadX() const;

    TimeAxis *m_axis;
    TrackId m_track;
    int m_preferredHeight = 80;
    double m_playheadSeconds = -1.0;
    QSet<ClipId> m_selected;
    bool m_selectsClips = false;
};

} // namespace mirstudio::widgets
