// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/stemlane.h"
#include "core/session/typedid.h"
#include "widgets/abxcomparison.h"
#include "widgets/lane.h"

#include <QHash>
#include <QMap>

#include <functional>
#include <memory>

class QButtonGroup;
class QLabel;
class QSlider;
class QToolButton;

namespace mirstudio {
class Session;
namespace media { struct AudioData; }
} // namespace mirstudio

namespace mirstudio::widgets {

/**
 * The stems of one separated source stacked in a stem-group track: one row per StemLane with
 * mute, solo and a gain slider (StemLaneCommand, undoable; a slider drag merges into one step),
 * the stem's envelope when its audio is known (setStemAudio) and per-stem metrics such as SDR
 * (setStemMetric, e.g. "SDR (plain)" against a reference stem). An A/B/X bar compares the chosen
 * stem (A) with the original (B, setOriginal) at matched loudness (AbxComparison fed with ITU-R
 * BS.1770 integrated loudness, given by setLoudness or measured here on first use); X is one of
 * them at random, hidden: "X=A"/"X=B" score a guess and reveal what X was (a tally is kept);
 * "Mix" ends the comparison; a row's context menu offers to attach a reference stem
 * (referenceRequested) or compare that stem as A. Keys while the lane has focus: A, B, X, M or Escape (mix).
 * What should be heard is emitted as auditionRequested() (the engine's audition) and
 * auditionChanged() (by source).
 *
 * Owns its row widgets; does not own the session or the axis. GUI thread only.
 */
class StemGroupLane : public Lane
{
    Q_OBJECT
public:
    static constexpr int abxBarHeight = 24;
    static constexpr int controlsWidth = 150;
    /** auditionRequested()'s `stem` for the original, and for the normal mix (comparison off). */
    static constexpr int originalStem = -1;
    static constexpr int mixStem = -2;

    StemGroupLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);

    void setStemAudio(const SourceId &source, std::shared_ptr<const media::AudioData> audio);
    void setOriginal(const SourceId &source, std::shared_ptr<const media::AudioData> audio);
    /** The BS.1770 integrated loudness of `source` (LUFS), measured off the GUI thread by the caller. */
    void setLoudness(const SourceId &source, double lufs);
    /** Shows `name = value` on the stem's row (e.g. "SDR", 6.1 dB); NaN removes it. */
    void setStemMetric(int stem, const QString &name, double value);
    /** The metric shown on the stem's row, or NaN. */
    double stemMetric(int stem, const QString &name) const;

    int stemCount() const;
    int rowHeight() const;
    QToolButton *muteButton(int stem) const { return m_rows.value(stem).mute; }
    QToolButton *soloButton(int stem) const { return m_rows.value(stem).solo; }
    QSlider *gainSlider(int stem) const { return m_rows.value(stem).gain; }

    /** The stem compared as A (its index), and the comparison itself. */
    void setCompareStem(int stem);
    const AbxComparison &comparison() const { return m_abx; }
    void selectAbx(AbxComparison::Choice choice);
    /** Scores a guess of what X is; returns whether it was right. */
    bool guessX(AbxComparison::Choice xIs);
    /** Ends the comparison: the normal mix plays again. */
    void stopAudition();
    /** Whether A, B or X is selected (not the normal mix). */
    bool isAuditioning() const { return m_auditioning; }
    /** The A/B/X bar's text: levels, the tally and the last reveal. */
    QString comparisonText() const;

Q_SIGNALS:
    /** Play `source` at `gainDb` for the comparison (null source: the comparison is off). */
    void auditionChanged(const mirstudio::SourceId &source, double gainDb);
    /** Play stem `stem` of this group (originalStem: the original, mixStem: the mix) at `gainDb`. */
    void auditionRequested(int stem, double gainDb);
    /** The user asked (row context menu) to attach a reference (true) stem to stem `stem`. */
    void referenceRequested(int stem);

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct Row { QToolButton *mute = nullptr; QToolButton *solo = nullptr; QSlider *gain = nullptr; };

    void rebuildRows();
    void syncRows();
    void layoutRows();
    void setLane(int stem, const std::function<void(StemLane &)> &change);
    void updateComparison();
    /** The source's loudness (measured and cached on first use). */
    double loudnessOf(const SourceId &source);
    void paintEnvelope(QPainter &p, const media::AudioData &audio, const QRect &row, const QRect &dirty);

    Session *m_session;
    QMap<int, Row> m_rows;
    QHash<SourceId, std::shared_ptr<const media::AudioData>> m_audio;
    QMap<int, QMap<QString, double>> m_metrics;
    SourceId m_original;
    int m_compareStem = 0;
    AbxComparison m_abx;
    QHash<SourceId, double> m_loudness;
    bool m_auditioning = false;
    QString m_reveal;
    QLabel *m_abxLabel;
    QButtonGroup *m_abxButtons;
};

} // namespace mirstudio::widgets
