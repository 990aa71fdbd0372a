// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/frequencyaxis.h"
#include "core/analysis/spectrogramparams.h"
#include "widgets/colourmap.h"
#include "widgets/lane.h"

namespace mirstudio {
class Session;
class SpectrogramTileCache;
struct Clip;
struct MediaSource;
} // namespace mirstudio

namespace mirstudio::widgets {

/**
 * The spectrogram of an audio track's clips on the shared time axis. Paints only the visible
 * columns from the tiles the SpectrogramTileCache already holds, asks for the missing ones and
 * repaints as each arrives (what is ready shows at once, the rest fills in). The frequency axis
 * (linear, log, mel, piano key), the colour map and the dB range are applied while painting, so
 * changing them never recomputes an FFT; changing the FFT parameters selects other tiles.
 *
 * Does not own the session, the axis or the cache (the window does; they outlive the lane).
 * Registers missing sources with the cache (SpectrogramTileCache::loadSource). GUI thread only.
 */
class SpectrogramLane : public Lane
{
    Q_OBJECT
public:
    SpectrogramLane(TimeAxis *axis, Session *session, const TrackId &track,
                    SpectrogramTileCache *cache, QWidget *parent = nullptr);

    const SpectrogramParams &params() const { return m_params; }
    void setParams(const SpectrogramParams &params);
    FrequencyAxis::Scale frequencyScale() const { return m_scale; }
    void setFrequencyScale(FrequencyAxis::Scale scale);
    ColourMap::Name colourMap() const { return m_colours.name(); }
    void setColourMap(ColourMap::Name name);
    float floorDb() const { return m_floorDb; }
    float ceilingDb() const { return m_ceilingDb; }
    /** Values at or below `floorDb` paint the map's first colour, at or above `ceilingDb` its last. */
    void setDbRange(float floorDb, float ceilingDb);

    /** Columns painted from ready tiles / left empty while tiles compute, in the last paint. */
    int readyColumns() const { return m_readyColumns; }
    int missingColumns() const { return m_missingColumns; }

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;

private:
    struct RowBins { float low; float high; };
    void paintClip(QPainter &p, const Clip &clip, const MediaSource &source, const QRect &dirty);
    std::vector<RowBins> rowBins(double sampleRate) const;
    FrequencyAxis frequencyAxis(double sampleRate) const;
    void paintFrequencyLabels(QPainter &p, double sampleRate);
    void sourceChanged(const SourceId &source);

    Session *m_session;
    SpectrogramTileCache *m_cache;
    SpectrogramParams m_params;
    FrequencyAxis::Scale m_scale = FrequencyAxis::Scale::Log;
    ColourMap m_colours;
    float m_floorDb = -90.0f;
    float m_ceilingDb = 0.0f;
    int m_readyColumns = 0;
    int m_missingColumns = 0;
};

} // namespace mirstudio::widgets
