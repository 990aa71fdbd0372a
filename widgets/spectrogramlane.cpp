// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/spectrogramlane.h"

#include "core/analysis/spectrogramtilecache.h"
#include "core/session/session.h"
#include "widgets/lanepainting.h"
#include "widgets/timeaxis.h"

#include <QFont>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

SpectrogramLane::SpectrogramLane(TimeAxis *axis, Session *session, const TrackId &track,
                                 SpectrogramTileCache *cache, QWidget *parent)
    : Lane(axis, track, parent), m_session(session), m_cache(cache)
{
    setPreferredHeight(160);
    connect(cache, &SpectrogramTileCache::tileReady, this,
            [this](const SourceId &source, int) { sourceChanged(source); });
    connect(cache, &SpectrogramTileCache::sourceReady, this, &SpectrogramLane::sourceChanged);
    connect(session, &Session::clipChanged, this, [this] { update(); });
    connect(session, &Session::clipAdded, this, [this] { update(); });
    connect(session, &Session::clipRemoved, this, [this] { update(); });
    connect(session, &Session::sessionReset, this, [this] { update(); });
}

void SpectrogramLane::setParams(const SpectrogramParams &params)
{
    m_params = params;
    update();
}

void SpectrogramLane::setFrequencyScale(FrequencyAxis::Scale scale)
{
    m_scale = scale;
    update();
}

void SpectrogramLane::setColourMap(ColourMap::Name name)
{
    m_colours = ColourMap(name);
    update();
}

void SpectrogramLane::setDbRange(float floorDb, float ceilingDb)
{
    m_floorDb = floorDb;
    m_ceilingDb = std::max(ceilingDb, floorDb + 1.0f);
    update();
}

void SpectrogramLane::sourceChanged(const SourceId &source)
{
    const Track *track = m_session->track(trackId());
    if (!track)
        return;
    for (const Clip &c : track->clips)
        if (c.source == source) {
            update();
            return;
        }
}

FrequencyAxis SpectrogramLane::frequencyAxis(double sampleRate) const
{
    return m_scale == FrequencyAxis::Scale::PianoKey ? FrequencyAxis::pianoKeys()
                                                     : FrequencyAxis(m_scale, 0.0, sampleRate / 2.0);
}

void SpectrogramLane::paintFrequencyLabels(QPainter &p, double sampleRate)
{
    const FrequencyAxis axis = frequencyAxis(sampleRate);
    const bool keys = m_scale == FrequencyAxis::Scale::PianoKey;
    QFont font = p.font();
    font.setPixelSize(9);
    p.setFont(font);
    p.setPen(QColor(255, 255, 255, 170));
    double lastY = 1e9;
    auto label = [&](double hz, const QString &text) {
        const double y = (1.0 - axis.fractionForHz(hz)) * height();
        if (y < 8 || y > height() - 2 || lastY - y < 14)
            return; // off the lane or crowding the previous label
        p.drawLine(QPointF(0, y), QPointF(4, y));
        p.drawText(QPointF(6, y + 3), text);
        lastY = y;
    };
    if (keys) {
        for (int key = 24; key <= 108; key += 12)
            label(FrequencyAxis::keyToHz(key), QStringLiteral("C%1").arg(key / 12 - 1));
        return;
    }
    for (double hz : {50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0})
        label(hz, hz >= 1000.0 ? QStringLiteral("%1k").arg(hz / 1000.0) : QString::number(hz));
}

std::vector<SpectrogramLane::RowBins> SpectrogramLane::rowBins(double sampleRate) const
{
    const int h = std::max(1, height());
    const FrequencyAxis axis = frequencyAxis(sampleRate);
    const double binsPerHz = double(m_params.windowSize) / sampleRate;
    const float lastBin = float(m_params.bins() - 1);
    std::vector<RowBins> rows(static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y) {
        // Row y spans fractions [1 - (y+1)/h, 1 - y/h] (top row = highest frequency).
        const double lo = axis.hzForFraction(1.0 - double(y + 1) / h) * binsPerHz;
        const double hi = axis.hzForFraction(1.0 - double(y) / h) * binsPerHz;
        rows[std::size_t(y)] = {std::clamp(float(lo), 0.0f, lastBin), std::clamp(float(hi), 0.0f, lastBin)};
    }
    return rows;
}

void SpectrogramLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    m_readyColumns = m_missingColumns = 0;
    const Track *track = m_session->track(trackId());
    if (!track)
        return;
    double rate = axis()->sampleRate();
    for (const Clip &clip : track->clips) {
        const auto source = m_session->mediaPool().source(clip.source);
        if (!source || source->kind != MediaSource::Kind::Audio)
            continue;
        if (!m_cache->audio(clip.source))
            m_cache->loadSource(clip.source, source->path);
        paintClip(p, clip, *source, dirty);
        rate = source->sampleRate > 0 ? source->sampleRate : rate;
    }
    paintFrequencyLabels(p, rate);
}

void SpectrogramLane::paintClip(QPainter &p, const Clip &clip, const MediaSource &source,
                                const QRect &dirty)
{
    const TimeAxis &ax = *axis();
    const int x0 = std::max(dirty.left(), int(std::floor(ax.xForFrame(clip.start))));
    const int x1 = std::min(dirty.right(), int(std::ceil(ax.xForFrame(clip.start + clip.length))) - 1);
    if (x1 < x0 || !m_cache->audio(clip.source))
        return;
    const double rate = source.sampleRate > 0 ? source.sampleRate : ax.sampleRate();
    const std::vector<RowBins> rows = rowBins(rate);
    const int h = int(rows.size());
    QImage image(x1 - x0 + 1, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const float range = m_ceilingDb - m_floorDb;
    const double clipStartSeconds = double(clip.start) / ax.sampleRate();
    const std::int64_t lastFrame = m_cache->frameCount(clip.source, m_params) - 1;
    std::shared_ptr<const SpectrogramTile> tile;
    // The power column of `frame`, or nullptr while its tile computes.
    auto columnOf = [&](std::int64_t frame) -> const float * {
        const int index = int(frame / SpectrogramTileCache::framesPerTile);
        if (!tile || index != int(tile->firstFrame / SpectrogramTileCache::framesPerTile))
            tile = m_cache->tile({clip.source, m_params, index});
        if (!tile || frame - tile->firstFrame >= tile->frames)
            return nullptr;
        return tile->power.data() + std::size_t(frame - tile->firstFrame) * std::size_t(tile->bins);
    };
    auto frameAtX = [&](double x) {
        const double sample = (ax.secondsForX(x) - clipStartSeconds) * rate + double(clip.offset);
        return std::min(lastFrame, std::int64_t(std::llround(sample / m_params.hop)));
    };
    std::vector<float> values(static_cast<std::size_t>(h));
    for (int x = x0; x <= x1; ++x) {
        // Zoomed out, a column covers many frames: show the loudest of up to 8 of them.
        const std::int64_t first = frameAtX(x + 0.5);
        const std::int64_t last = std::max(first, frameAtX(x + 1.0) - 1);
        if (first < 0)
            continue;
        const std::int64_t stride = std::max<std::int64_t>(1, (last - first + 1) / 8);
        std::fill(values.begin(), values.end(), 0.0f);
        bool any = false;
        for (std::int64_t frame = first; frame <= last; frame += stride) {
            const float *column = columnOf(frame);
            if (!column)
                continue;
            any = true;
            for (int y = 0; y < h; ++y) {
                const RowBins &r = rows[std::size_t(y)];
                float v = std::max(values[std::size_t(y)], column[int(std::lround(r.low))]);
                for (int b = int(std::ceil(r.low)); b <= int(r.high); ++b)
                    v = std::max(v, column[b]);
                values[std::size_t(y)] = v;
            }
        }
        if (!any) {
            ++m_missingColumns;
            continue;
        }
        ++m_readyColumns;
        for (int y = 0; y < h; ++y) {
            const float fraction = (SpectrogramTile::db(values[std::size_t(y)]) - m_floorDb) / range;
            reinterpret_cast<QRgb *>(image.scanLine(y))[x - x0] = m_colours.colourFor(fraction);
        }
    }
    p.drawImage(x0, 0, image);
}

} // namespace mirstudio::widgets
