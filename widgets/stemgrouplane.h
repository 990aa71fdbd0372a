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
 * (setStemMetric). An A/B/X bar compares the chosen stem (A) with the original (B, setOriginal)
 * at matched loudness (AbxComparison); what should be heard is emitted as auditionChanged() for
 * the window to play.
 *
 * Owns its row widgets; does not own the session or the axis. GUI thread only.
 */
class StemGroupLane : public Lane
{
    Q_OBJECT
public:
    static constexpr int abxBarHeight = 24;
    static constexpr int controlsWidth = 150;

    StemGroupLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent = nullptr);

    void setStemAudio(const SourceId &source, std::shared_ptr<const media::AudioData> audio);
    void setOriginal(const SourceId &source, std::shared_ptr<const media::AudioData> audio);
    /** Shows `name = value` on the stem's row (e.g. "SDR", 6.1 dB); NaN removes it. */
    void setStemMetric(int stem, const QString &name, double value);

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

Q_SIGNALS:
    /** Play `source` at `gainDb` for the comparison (null source: the comparison is off). */
    void auditionChanged(const mirstudio::SourceId &source, double gainDb);

protected:
    void paintLane(QPainter &painter, const QRect &dirty) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Row { QToolButton *mute = nullptr; QToolButton *solo = nullptr; QSlider *gain = nullptr; };

    void rebuildRows();
    void syncRows();
    void layoutRows();
    void setLane(int stem, const std::function<void(StemLane &)> &change);
    void updateComparison();
    void paintEnvelope(QPainter &p, const media::AudioData &audio, const QRect &row, const QRect &dirty);

    Session *m_session;
    QMap<int, Row> m_rows;
    QHash<SourceId, std::shared_ptr<const media::AudioData>> m_audio;
    QMap<int, QMap<QString, double>> m_metrics;
    SourceId m_original;
    int m_compareStem = 0;
    AbxComparison m_abx;
    QLabel *m_abxLabel;
    QButtonGroup *m_abxButtons;
};

} // namespace mirstudio::widgets
