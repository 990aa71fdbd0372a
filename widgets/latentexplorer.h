// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/midiccmap.h"
#include "core/session/typedid.h"
#include "widgets/latentcorpus.h"
#include "widgets/latentexplorerdecoder.h"
#include "widgets/latentplayer.h"
#include "widgets/latentprojection.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QDoubleSpinBox;
class QLabel;
class QMouseEvent;
class QSlider;
class QSpinBox;
class QVBoxLayout;

namespace mirstudio {
class JobRunner;
class Session;
struct JobInfo;
}

namespace mirstudio::widgets {

class LatentExplorerCcInbox;
class LatentModelClient;
class LatentRollPreview;

/**
 * The latent explorer for one plugin with the `latent` capability. A QCustomPlot map shows the
 * encoded corpus and the user's clips projected to 2-D (PCA or two chosen dimensions), coloured
 * by an attribute. Pressing the map moves the current code there, decodes it into the preview
 * and plays it; dragging keeps decoding as fast as the model allows; a click (release without
 * moving) also puts the decoded notes on the timeline. In trajectory mode a drag draws a path
 * that playTrajectory() decodes as one sequence. One slider per latent dimension (with the
 * decoded notes' attributes read back), temperature and variations; each slider has a parameter
 * id ("dim0".., "temperature") that MidiCcMap bindings drive through handleControlChange().
 *
 * MIDI CC: right-click a slider → "MIDI learn" binds the next control change to it; a dimension
 * binding's value is the fraction 0..1 of the slider's range (so it survives a new corpus), the
 * temperature's is the temperature 0..2. postControlChange() (any thread: the MIDI input
 * listener) coalesces bursts to the latest value per controller per GUI event-loop pass.
 * The owner stores ccMappingsText() (the dock keeps it in the preferences).
 *
 * Interactive decodes (map, sliders, CC, temperature) run off the GUI thread through
 * LatentExplorerDecoder (one job at a time, latest request wins; isDecoding() and a "decoding…"
 * hint while busy). The direct calls (decodeCurrent(), addCurrentToTimeline(), interpolate(),
 * playTrajectory()) wait for their jobs. Decoded results go to the session through
 * JobResultImporter: one MIDI track per result, one undo step each. Does not own the runner or
 * the session, which must outlive it. GUI thread only, except postControlChange().
 */
class LatentExplorer : public QWidget
{
    Q_OBJECT
public:
    LatentExplorer(JobRunner *runner, Session *session, QString mediaFolder, QWidget *parent = nullptr);
    ~LatentExplorer() override;

    /** Switches to `pluginId`; clears the map. False (with error()) when it cannot encode/decode. */
    bool setPlugin(const QString &pluginId);
    QString error() const { return m_error; }
    /** The plugin explored (empty before setPlugin()). */
    QString pluginId() const;
    /** Where auditioned notes go (Engine::sendMidi); silent without one. */
    void setAuditionSink(LatentPlayer::Sink sink) { m_player.setSink(std::move(sink)); }
    LatentPlayer &player() { return m_player; }

    /** Encodes and adds corpus pieces / user clips; returns how many were added. */
    int addCorpus(const std::vector<sdk::NoteSequence> &pieces, const QStringList &names);
    int addCorpusFolder(const QString &folder);
    bool addUserClip(const sdk::NoteSequence &notes, const QString &name);
    const LatentCorpus &corpus() const { return m_corpus; }

    /** PCA when `pca`, else the plane of dimensions dimX, dimY. */
    void setProjection(bool pca, int dimX = 0, int dimY = 1);
    const LatentProjection &projection() const { return m_projection; }
    void setColourAttribute(const QString &attribute);
    QCustomPlot *map() const { return m_plot; }

    int dimensions() const { return int(m_code.size()); }
    const std::vector<double> &code() const { return m_code; }
    /** Moves the current code (sliders and marker follow; no decode). */
    void setCode(const std::vector<double> &code);
    QSlider *dimensionSlider(int d) const { return m_sliders.value(d); }
    QSlider *temperatureSlider() const { return m_temperature; }
    double temperature() const;
    int variations() const;
    void setVariations(int n);

    /** Decodes the current code (plus variations); updates the preview and plays it. */
    sdk::NoteSequence decodeCurrent(bool play = true);
    /** Decodes the current code and imports it; the tracks added (one undo step). */
    QList<TrackId> addCurrentToTimeline();
    /** The attributes of the last decoded notes, encoded again (the fader values read back). */
    QMap<QString, double> readBack() const { return m_readBack; }
    const sdk::NoteSequence &lastDecoded() const { return m_lastNotes; }

    /** Decodes `steps` codes evenly between items a and b (ends included), one clip each. */
    QList<TrackId> interpolate(int itemA, int itemB, int steps);
    /** Items selected on the map (Ctrl+click on a point), most recent last, at most two. */
    QList<int> selection() const { return m_selection; }

    void setTrajectoryMode(bool on);
    /** Points of the drawn trajectory in map coordinates. */
    QList<QPointF> trajectory() const { return m_trajectory; }
    void setTrajectory(const QList<QPointF> &points);
    /** Decodes `steps` codes along the trajectory as one sequence, plays it; optionally imports it. */
    sdk::NoteSequence playTrajectory(int steps, bool toTimeline);

    MidiCcMap &ccMap() { return m_ccMap; }
    /** Applies a control change through ccMap(); true when it moved a slider. */
    bool handleControlChange(int channel, int controller, int value);
    /** Parameter id of dimension `d`'s slider ("dim0", ...) for MidiCcMap bindings. */
    static QString dimensionParameter(int d) { return QStringLiteral("dim%1").arg(d); }

    /** Map coordinates → widget pixel of the plot (tests click there). */
    QPoint pixelFor(const QPointF &mapPoint) const;
    /** Decode jobs issued since the plugin was set (waited-for and background ones). */
    int decodeCount() const { return m_decodes + m_decoder->submitted(); }
    /** True while a background decode runs or waits. */
    bool isDecoding() const { return m_decoder->isBusy(); }

    /** Learn mode: the next control change handled binds to `parameterId` ("dim0".., "temperature"). */
    void startMidiLearn(const QString &parameterId);
    /** Thread-safe: queues a control change for handleControlChange() on the GUI thread (coalesced). */
    void postControlChange(int channel, int controller, int value);
    /** The same inbox, for a listener that may outlive this widget (posts after it goes are dropped). */
    std::shared_ptr<LatentExplorerCcInbox> controlChangeInbox() const { return m_ccInbox; }
    /** The CC bindings as "channel:controller:parameter:minimum:maximum" lines. */
    QStringList ccMappingsText() const;
    /** Replaces the CC bindings with lines of ccMappingsText(); malformed lines are skipped. */
    void setCcMappingsText(const QStringList &lines);

Q_SIGNALS:
    void decoded(const mirstudio::sdk::NoteSequence &notes);
    void clipsAdded(const QList<mirstudio::TrackId> &tracks);
    /** A binding was learnt or forgotten (the owner stores ccMappingsText()). */
    void ccMappingsChanged();

private:
    void buildUi();
    void rebuildSliders();
    void replot();
    void refit();
    void onPress(QMouseEvent *event);
    void onMove(QMouseEvent *event);
    void onRelease(QMouseEvent *event);
    QPointF mapPointAt(const QPoint &pixel) const;
    int itemNear(const QPoint &pixel) const;
    void moveTo(const QPointF &mapPoint);
    /** Queues a background decode of the current code (latest request wins). */
    void requestDecode(bool toTimeline = false);
    void onDecoded(const JobInfo &job, const LatentExplorerDecoder::Request &request);
    /** Takes a finished decode job's notes as the last decoded (preview, audition); false when it failed. */
    bool showDecoded(const JobInfo &job, bool play);
    void showReadBack(const sdk::LatentSet &latent);
    void showMidiMenu(QSlider *slider, const QString &parameterId, const QPoint &pos);
    void fitAxes();
    std::vector<std::vector<double>> codesWithVariations(const std::vector<double> &code) const;
    QList<TrackId> import(const JobInfo &job);
    void syncSliders();
    void onSlider(int d);
    double sliderValue(int d) const;

    JobRunner *m_runner;
    Session *m_session;
    QString m_mediaFolder;
    std::unique_ptr<LatentModelClient> m_client;
    LatentCorpus m_corpus;
    LatentProjection m_projection;
    std::vector<double> m_code;
    LatentPlayer m_player;
    MidiCcMap m_ccMap;
    QString m_colourAttribute;
    QString m_error;
    QList<int> m_selection;
    QList<QPointF> m_trajectory;
    QMap<QString, double> m_readBack;
    sdk::NoteSequence m_lastNotes;
    bool m_trajectoryMode = false;
    bool m_pressed = false;
    bool m_moved = false;
    bool m_syncing = false;
    QPoint m_pressPixel;
    int m_decodes = 0;
    LatentExplorerDecoder *m_decoder;
    std::shared_ptr<LatentExplorerCcInbox> m_ccInbox;

    QCustomPlot *m_plot = nullptr;
    QList<QCPGraph *> m_colourGraphs;
    QCPGraph *m_userGraph = nullptr;
    QCPGraph *m_selectionGraph = nullptr;
    QCPGraph *m_currentGraph = nullptr;
    QCPCurve *m_trajectoryCurve = nullptr;
    QComboBox *m_attributeBox = nullptr;
    QComboBox *m_projectionBox = nullptr;
    QVBoxLayout *m_sliderLayout = nullptr;
    QList<QSlider *> m_sliders;
    QList<QLabel *> m_sliderLabels;
    QSlider *m_temperature = nullptr;
    QSpinBox *m_variations = nullptr;
    QSpinBox *m_steps = nullptr;
    QCheckBox *m_clickAdds = nullptr;
    QLabel *m_readBackLabel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_busyHint = nullptr;
    LatentRollPreview *m_preview = nullptr;
};

} // namespace mirstudio::widgets
