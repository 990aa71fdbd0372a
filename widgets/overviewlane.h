// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/lane.h"

namespace mirstudio {
class Session;
struct Track;
}

namespace mirstudio::widgets {

/**
 * A compact lane for tracks without a dedicated editor lane: MIDI clips with their notes as a
 * mini piano roll, annotation items as regions and labelled markers, stem groups as one band per
 * stem. The timeline uses it until a richer lane is registered for the track kind.
 *
 * Does not own the session. GUI thread only.
 */
class OverviewLane : public Lane
{
    Q_OBJECT
public:
    OverviewLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;

private:
    void paintMidi(QPainter &p, const Track &track, const QColor &colour, const QRect &dirty);
    void paintAnnotations(QPainter &p, const Track &track, const QColor &colour, const QRect &dirty);
    void paintStems(QPainter &p, const Track &track, const QColor &colour);

    Session *m_session;
};

} // namespace mirstudio::widgets
