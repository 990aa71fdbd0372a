// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/waveformlane.h"

#include "core/session/session.h"
#include "widgets/lanepainting.h"
#include "widgets/peakcache.h"
#include "widgets/timeaxis.h"

#include <QFileInfo>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

WaveformLane::WaveformLane(TimeAxis *axis, Session *session, PeakCache *cache,
                           const TrackId &track, QWidget *parent)
    : Lane(axis, track, parent)
    , m_session(session)
    , m_cache(cache)
{
    setSelectsClips(true);
    setPreferredHeight(90);
    connect(m_cache, &PeakCache::ready, this, qOverload<>(&QWidget::update));
    auto mine = [this](const TrackId &t) { if (t == trackId()) update(); };
    connect(m_session, &Session::trackChanged, this, mine);
    connect(m_session, &Session::clipAdded, this, mine);
    connect(m_session, &Session::clipRemoved, this, mine);
    connect(m_session, &Session::clipChanged, this, mine);
}

void WaveformLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    const Track *track = m_session->track(trackId());
    if (!track)
        return;
    const TimeAxis &ax = *axis();
    const double sessionRate = m_session->sampleRate();
    const QColor colour = trackColour(track->colour, m_session->trackIndex(trackId()));
    const double mid = height() / 2.0;
    const double half = height() / 2.0 - 3.0;
    QVector<QLineF> lines;
    for (const Clip &clip : track->clips) {
        const double x0 = ax.xForFrame(clip.start);
        const double x1 = ax.xForFrame(clip.start + clip.length);
        if (x1 < dirty.left() || x0 > dirty.right() + 1)
            continue;
        const auto source = m_session->mediaPool().source(clip.source);
        const QString title = source ? QFileInfo(source->path).completeBaseName() : tr("missing media");
        paintClipBox(p, QRectF(x0, 0, x1 - x0, height()), colour, isSelected(clip.id), title);
        if (!source)
            continue;
        const auto peaks = m_cache->peaks(source->path);
        if (!peaks) {
            p.setPen(colour);
            const QString why = m_cache->error(source->path);
            p.drawText(QRectF(x0 + 4, 0, std::max(0.0, x1 - x0 - 8), height()),
                       Qt::AlignLeft | Qt::AlignVCenter, why.isEmpty() ? tr("reading...") : why);
            continue;
        }
        // Session frames -> source frames (the source may run at another rate).
        const double ratio = peaks->sampleRate() / sessionRate;
        const double sourceOrigin = double(clip.offset - clip.start) * ratio;
        const double framesPerPixel = ratio * sessionRate / ax.pixelsPerSecond();
        const auto resolution = std::int64_t(std::max(1.0, framesPerPixel));
        const int cx0 = std::max({dirty.left(), int(std::floor(x0)), 0});
        const int cx1 = std::min({dirty.right(), int(std::ceil(x1)) - 1, width() - 1});
        lines.clear();
        lines.reserve(std::max(0, cx1 - cx0 + 1));
        for (int x = cx0; x <= cx1; ++x) {
            const double f0 = ax.secondsForX(x) * sessionRate * ratio + sourceOrigin;
            const double f1 = f0 + framesPerPixel;
            const double lo = std::max(f0, double(clip.offset) * ratio);
            const double hi = std::min(f1, double(clip.offset + clip.length) * ratio);
            if (hi <= lo)
                continue;
            const auto r = peaks->range(std::int64_t(std::floor(lo)), std::int64_t(std::ceil(hi)),
                                        resolution);
            if (!r.valid)
                continue;
            // A column is at least one pixel tall, so silence still shows as a line.
            const double top = mid - r.max * half;
            const double bottom = std::max(mid - r.min * half, top + 1.0);
            lines.append(QLineF(x + 0.5, top, x + 0.5, bottom));
        }
        p.setPen(QPen(colour, 1));
        p.drawLines(lines);
    }
}

} // namespace mirstudio::widgets
