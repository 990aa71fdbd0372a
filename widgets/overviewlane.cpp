// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overviewlane.h"

#include "core/session/session.h"
#include "widgets/lanepainting.h"
#include "widgets/timeaxis.h"

#include <QPainter>

#include <algorithm>

namespace mirstudio::widgets {

OverviewLane::OverviewLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent)
    : Lane(axis, track, parent)
    , m_session(session)
{
    setSelectsClips(true);
    setPreferredHeight(70);
    auto mine = [this](const TrackId &t) { if (t == trackId()) update(); };
    connect(m_session, &Session::trackChanged, this, mine);
    connect(m_session, &Session::clipAdded, this, mine);
    connect(m_session, &Session::clipRemoved, this, mine);
    connect(m_session, &Session::clipChanged, this, mine);
    connect(m_session, &Session::tempoChanged, this, qOverload<>(&QWidget::update));
}

void OverviewLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    const Track *track = m_session->track(trackId());
    if (!track)
        return;
    const QColor colour = trackColour(track->colour, m_session->trackIndex(trackId()));
    switch (track->kind) {
    case Track::Kind::Audio:
    case Track::Kind::Midi:
        paintMidi(p, *track, colour, dirty);
        break;
    case Track::Kind::Annotation:
        paintAnnotations(p, *track, colour, dirty);
        break;
    case Track::Kind::StemGroup:
        paintStems(p, *track, colour);
        break;
    }
}

void OverviewLane::paintMidi(QPainter &p, const Track &track, const QColor &colour, const QRect &dirty)
{
    const TimeAxis &ax = *axis();
    const auto &map = m_session->tempoMap();
    const double rate = m_session->sampleRate();
    for (const Clip &clip : track.clips) {
        const double x0 = ax.xForFrame(clip.start);
        const double x1 = ax.xForFrame(clip.start + clip.length);
        if (x1 < dirty.left() || x0 > dirty.right() + 1)
            continue;
        paintClipBox(p, QRectF(x0, 0, x1 - x0, height()), colour, isSelected(clip.id), QString());
        if (clip.notes.empty())
            continue;
        int lo = 127, hi = 0;
        for (const MidiNote &n : clip.notes) {
            lo = std::min(lo, n.pitch);
            hi = std::max(hi, n.pitch);
        }
        const double rows = std::max(12, hi - lo + 1);
        const double rowH = (height() - 6) / rows;
        const double originTick = map.tickAtFrame(clip.start - clip.offset, rate);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        for (const MidiNote &n : clip.notes) {
            const double nx0 = std::max(x0, ax.xForSeconds(map.secondsAt(originTick + double(n.start))));
            const double nx1 = std::min(x1, ax.xForSeconds(map.secondsAt(originTick + double(n.start + n.length))));
            if (nx1 < dirty.left() || nx0 > dirty.right() + 1 || nx1 <= nx0)
                continue;
            const double y = 3 + (hi - n.pitch) * rowH;
            p.drawRect(QRectF(nx0, y, std::max(1.0, nx1 - nx0), std::max(1.5, rowH - 0.5)));
        }
    }
}

void OverviewLane::paintAnnotations(QPainter &p, const Track &track, const QColor &colour,
                                    const QRect &dirty)
{
    const TimeAxis &ax = *axis();
    for (const AnnotationItem &item : track.items) {
        const double x0 = ax.xForFrame(item.start);
        const double x1 = item.kind == AnnotationItem::Kind::Region ? ax.xForFrame(item.start + item.length)
                                                                    : x0 + 1;
        if (x0 > dirty.right() + 1 || (x1 < dirty.left() && x0 + 120 < dirty.left()))
            continue;
        if (item.kind == AnnotationItem::Kind::Region) {
            QColor fill = colour;
            fill.setAlpha(60);
            p.fillRect(QRectF(x0, 4, x1 - x0, height() - 8), fill);
        }
        p.setPen(readableOnDark(colour).darker(150));
        p.drawLine(QPointF(x0 + 0.5, 0), QPointF(x0 + 0.5, height()));
        const QString text = item.kind == AnnotationItem::Kind::Value
            ? QString::number(item.value, 'g', 4) : item.text;
        p.setPen(readableOnDark(colour));
        p.drawText(QRectF(x0 + 3, 2, 200, height() - 4), Qt::AlignLeft | Qt::AlignTop, text);
    }
}

void OverviewLane::paintStems(QPainter &p, const Track &track, const QColor &colour)
{
    const int n = std::max<int>(1, int(track.stems.size()));
    const double bandH = double(height()) / n;
    for (int i = 0; i < int(track.stems.size()); ++i) {
        const StemLane &stem = track.stems[std::size_t(i)];
        const auto source = m_session->mediaPool().source(stem.source);
        const double x1 = source ? axis()->xForFrame(std::int64_t(double(source->frames) * m_session->sampleRate()
                                                                  / std::max(1, source->sampleRate)))
                                 : width();
        const QColor c = stem.mute ? colour.darker(200) : colour;
        paintClipBox(p, QRectF(axis()->xForFrame(0), i * bandH, x1 - axis()->xForFrame(0), bandH), c,
                     false, stem.name);
    }
}

} // namespace mirstudio::widgets
