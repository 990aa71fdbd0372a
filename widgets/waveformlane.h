// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/lane.h"

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

class PeakCache;

/**
 * The lane of an audio track: each clip as a box with its waveform (min/max per pixel column
 * from the PeakCache's multi-resolution peaks), painting only the columns in the dirty rect, so
 * the cost follows the width drawn, not the file length. A clip whose peaks are still being
 * built shows its box and "reading..." and fills in when they arrive.
 *
 * Does not own the session or the cache (the window does). GUI thread only.
 */
class WaveformLane : public Lane
{
    Q_OBJECT
public:
    WaveformLane(TimeAxis *axis, Session *session, PeakCache *cache, const TrackId &track,
                 QWidget *parent = nullptr);

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;

private:
    Session *m_session;
    PeakCache *m_cache;
};

} // namespace mirstudio::widgets
