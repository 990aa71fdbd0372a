// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/track.h"
#include "widgets/clipoperations.h"
#include "widgets/colourmap.h"
#include "widgets/snapgrid.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QScrollArea;
class QScrollBar;
class QVBoxLayout;

namespace mirstudio {
class Session;
class SpectrogramTileCache;
}

namespace mirstudio::widgets {

class Lane;
class PeakCache;
class TimeAxis;
class TimeRuler;
class TrackHeader;

/**
 * The timeline: the ruler over a vertically scrolling stack of rows, each a TrackHeader beside
 * the track's Lane, all on one TimeAxis (so zoom and horizontal scroll move every lane and the
 * ruler together), a horizontal scroll bar over the session's length, the playhead, and the
 * clip selection and clipboard (Delete, Ctrl+A/C/V/D act through ClipOperations).
 * Ctrl+wheel zooms around the mouse, Shift+wheel scrolls in time, wheel scrolls the tracks.
 * Dragging a clip moves it along its track, snapped to snapGrid() (one undo step per drag).
 *
 * Lanes come from a factory per track kind (setLaneFactory); without one, audio tracks get a
 * WaveformLane (or a SpectrogramLane, setAudioView), MIDI tracks a PianoRollLane (pitch range fitted to the track's notes), stem
 * groups a StemGroupLane and annotation tracks an AnnotationLane. Rows are rebuilt when tracks are added, removed,
 * moved or the session is reset.
 *
 * Owns the axis, the peak and spectrogram tile caches and its rows; does not own the session. GUI thread only.
 */
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    using LaneFactory = std::function<Lane *(TimeAxis *axis, Session *session, const Track &track,
                                             QWidget *parent)>;

    explicit TimelineView(Session *session, QWidget *parent = nullptr);
    ~TimelineView() override;

    TimeAxis *axis() const { return m_axis; }
    TimeRuler *ruler() const { return m_ruler; }
    PeakCache *peakCache() const { return m_peaks; }
    /** The lanes and headers in track order. */
    QList<Lane *> lanes() const;
    QList<TrackHeader *> headers() const;
    Lane *laneFor(const TrackId &track) const;

    /** Audio tracks as waveforms (default) or spectrograms (tiles computed on workers). */
    enum class AudioView { Waveform, Spectrogram };
    AudioView audioView() const { return m_audioView; }
    void setAudioView(AudioView view);
    /** The colour map of spectrogram lanes (recolours without recomputing). */
    ColourMap::Name colourMap() const { return m_colourMap; }
    void setColourMap(ColourMap::Name name);

    /** Uses `factory` for tracks of `kind` (rebuilds the rows). */
    void setLaneFactory(Track::Kind kind, LaneFactory factory);

    double playheadSeconds() const { return m_playhead; }
    /** Moves the playhead line; with `follow`, pages the view to keep it visible. */
    void setPlayheadSeconds(double seconds, bool follow = false);

    const std::vector<ClipRef> &selection() const { return m_selection; }
    void setSelection(const std::vector<ClipRef> &clips);
    /** The track last clicked (paste target for clips whose track is gone). */
    TrackId currentTrack() const { return m_currentTrack; }

    /** The grid clip drags snap to (Alt while dragging: no snap). Beat by default. */
    SnapGrid snapGrid() const { return m_snap; }
    void setSnapGrid(SnapGrid grid) { m_snap = grid; }

    /** The session's extent in seconds (clips, items, stems), at least 10 s. */
    double sessionSeconds() const;

public Q_SLOTS:
    void rebuild();
    void zoomIn();
    void zoomOut();
    /** Shows the whole session. */
    void zoomToFit();
    void selectAll();
    void deleteSelection();
    void copySelection();
    /** Pastes the clipboard at the playhead. */
    void paste();
    void duplicateSelection();

Q_SIGNALS:
    /** The user clicked the ruler or an empty lane area. */
    void seekRequested(double seconds);
    /** The user drew a loop range on the ruler (Shift+drag). */
    void loopRequested(double startSeconds, double endSeconds);
    void selectionChanged();
    /** The rows (headers and lanes) were made anew: lanes() holds new widgets. */
    void rowsRebuilt();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Row
    {
        QWidget *row = nullptr;
        TrackHeader *header = nullptr;
        Lane *lane = nullptr;
    };
    Lane *makeLane(const Track &track, QWidget *parent);
    void updateScrollBar();
    void pushSelectionToLanes();
    void laneClicked(Lane *lane, double x, Qt::KeyboardModifiers modifiers);
    bool dragMove(double x, Qt::KeyboardModifiers modifiers);

    Session *m_session;
    TimeAxis *m_axis;
    PeakCache *m_peaks;
    SpectrogramTileCache *m_spectra;
    AudioView m_audioView = AudioView::Waveform;
    ColourMap::Name m_colourMap = ColourMap::Name::Viridis;
    TimeRuler *m_ruler;
    QScrollArea *m_scroll;
    QWidget *m_rowsHost;
    QVBoxLayout *m_rowsLayout;
    QScrollBar *m_hbar;
    std::vector<Row> m_rows;
    QHash<int, LaneFactory> m_factories;
    double m_playhead = 0.0;
    std::vector<ClipRef> m_selection;
    std::vector<CopiedClip> m_clipboard;
    TrackId m_currentTrack;
    bool m_syncingBar = false;
    SnapGrid m_snap = SnapGrid::Beat;
    struct Drag
    {
        ClipRef clip;
        double pressX = 0.0;
        std::int64_t originalStart = 0;
        bool moving = false;
    };
    std::optional<Drag> m_drag;
};

} // namespace mirstudio::widgets
