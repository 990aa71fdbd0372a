// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/stemgrouplane.h"

#include "core/audio/loudnessmeter.h"
#include "core/media/audiodata.h"
#include "core/session/session.h"
#include "core/session/stemlanecommand.h"
#include "widgets/lanepainting.h"
#include "widgets/timeaxis.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QContextMenuEvent>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace mirstudio::widgets {

namespace {

QToolButton *toggle(const QString &text, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setCheckable(true);
    b->setFixedSize(22, 18);
    return b;
}

constexpr int kMixButton = 3;

/** A linear level whose ratio to another is the loudness difference (0 for silence). */
double levelOf(double lufs)
{
    return std::isfinite(lufs) ? std::pow(10.0, lufs / 20.0) : 0.0;
}

} // namespace

StemGroupLane::StemGroupLane(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent)
    : Lane(axis, track, parent), m_session(session), m_abxLabel(new QLabel(this)),
      m_abxButtons(new QButtonGroup(this))
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("abxBar"));
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 2, 4, 2);
    const std::pair<const char *, AbxComparison::Choice> choices[] = {
        {"A", AbxComparison::Choice::A}, {"B", AbxComparison::Choice::B}, {"X", AbxComparison::Choice::X}};
    for (const auto &[text, choice] : choices) {
        QToolButton *b = toggle(tr(text), bar);
        b->setToolTip(tr("A: the stem, B: the original, X: one of them at random (loudness matched)"));
        m_abxButtons->addButton(b, int(choice));
        row->addWidget(b);
    }
    QToolButton *mix = toggle(tr("Mix"), bar);
    mix->setFixedWidth(34);
    mix->setToolTip(tr("Back to the normal mix (M or Esc)"));
    mix->setChecked(true);
    m_abxButtons->addButton(mix, kMixButton);
    row->addWidget(mix);
    m_abxButtons->setExclusive(true);
    const std::pair<const char *, AbxComparison::Choice> guesses[] = {
        {"X=A", AbxComparison::Choice::A}, {"X=B", AbxComparison::Choice::B}};
    for (const auto &[text, choice] : guesses) {
        auto *g = new QToolButton(bar);
        g->setObjectName(QString::fromLatin1(text));
        g->setText(tr(text));
        g->setToolTip(tr("Guess what X is: scores the guess, reveals X and draws a new one"));
        connect(g, &QToolButton::clicked, this, [this, c = choice] { guessX(c); });
        row->addWidget(g);
    }
    row->addWidget(m_abxLabel);
    row->addStretch();
    bar->setGeometry(0, 0, 560, abxBarHeight);
    connect(m_abxButtons, &QButtonGroup::idClicked, this, [this](int id) {
        if (id == kMixButton)
            stopAudition();
        else
            selectAbx(AbxComparison::Choice(id));
    });
    setFocusPolicy(Qt::ClickFocus);

    rebuildRows();
    connect(session, &Session::trackChanged, this, [this](const TrackId &id) {
        if (id == trackId())
            syncRows();
    });
    connect(session, &Session::sessionReset, this, &StemGroupLane::rebuildRows);
}

int StemGroupLane::stemCount() const
{
    const Track *t = m_session->track(trackId());
    return t ? int(t->stems.size()) : 0;
}

int StemGroupLane::rowHeight() const
{
    return std::max(24, (height() - abxBarHeight) / std::max(1, stemCount()));
}

void StemGroupLane::rebuildRows()
{
    for (const Row &r : std::as_const(m_rows)) {
        delete r.mute;
        delete r.solo;
        delete r.gain;
    }
    m_rows.clear();
    for (int i = 0; i < stemCount(); ++i) {
        Row r;
        r.mute = toggle(tr("M"), this);
        r.solo = toggle(tr("S"), this);
        r.gain = new QSlider(Qt::Horizontal, this);
        r.gain->setRange(-600, 120); // tenths of a dB
        r.gain->setToolTip(tr("Stem gain"));
        connect(r.mute, &QToolButton::toggled, this, [this, i](bool on) { setLane(i, [on](StemLane &l) { l.mute = on; }); });
        connect(r.solo, &QToolButton::toggled, this, [this, i](bool on) { setLane(i, [on](StemLane &l) { l.solo = on; }); });
        connect(r.gain, &QSlider::valueChanged, this,
                [this, i](int tenths) { setLane(i, [tenths](StemLane &l) { l.gainDb = tenths / 10.0; }); });
        m_rows.insert(i, r);
    }
    setPreferredHeight(abxBarHeight + std::max(1, stemCount()) * 40);
    syncRows();
    layoutRows();
    updateComparison();
}

void StemGroupLane::syncRows()
{
    const Track *t = m_session->track(trackId());
    if (!t)
        return;
    if (int(t->stems.size()) != m_rows.size())
        return rebuildRows();
    for (int i = 0; i < int(t->stems.size()); ++i) {
        const StemLane &l = t->stems[std::size_t(i)];
        const Row &r = m_rows[i];
        const QSignalBlocker b1(r.mute), b2(r.solo), b3(r.gain);
        r.mute->setChecked(l.mute);
        r.solo->setChecked(l.solo);
        r.gain->setValue(int(std::lround(l.gainDb * 10.0)));
    }
    update();
}

void StemGroupLane::layoutRows()
{
    const int h = rowHeight();
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const int top = abxBarHeight + it.key() * h + 18;
        it->mute->move(4, top);
        it->solo->move(28, top);
        it->gain->setGeometry(54, top, controlsWidth - 58, 18);
    }
}

void StemGroupLane::resizeEvent(QResizeEvent *event)
{
    Lane::resizeEvent(event);
    layoutRows();
}

void StemGroupLane::setLane(int stem, const std::function<void(StemLane &)> &change)
{
    const Track *t = m_session->track(trackId());
    if (!t || stem < 0 || stem >= int(t->stems.size()))
        return;
    StemLane lane = t->stems[std::size_t(stem)];
    change(lane);
    if (lane != t->stems[std::size_t(stem)])
        m_session->push(new StemLaneCommand(m_session, trackId(), stem, lane));
}

void StemGroupLane::setStemAudio(const SourceId &source, std::shared_ptr<const media::AudioData> audio)
{
    m_audio.insert(source, std::move(audio));
    updateComparison();
    update();
}

void StemGroupLane::setOriginal(const SourceId &source, std::shared_ptr<const media::AudioData> audio)
{
    m_original = source;
    m_audio.insert(source, std::move(audio));
    updateComparison();
}

void StemGroupLane::setLoudness(const SourceId &source, double lufs)
{
    m_loudness.insert(source, lufs);
    updateComparison();
}

double StemGroupLane::loudnessOf(const SourceId &source)
{
    if (const auto it = m_loudness.constFind(source); it != m_loudness.constEnd())
        return it.value();
    const auto audio = m_audio.value(source);
    const double lufs = audio ? LoudnessMeter::integratedLoudness(*audio) : -INFINITY;
    m_loudness.insert(source, lufs);
    return lufs;
}

void StemGroupLane::setStemMetric(int stem, const QString &name, double value)
{
    if (std::isnan(value))
        m_metrics[stem].remove(name);
    else
        m_metrics[stem].insert(name, value);
    update();
}

double StemGroupLane::stemMetric(int stem, const QString &name) const
{
    return m_metrics.value(stem).value(name, std::nan(""));
}

void StemGroupLane::setCompareStem(int stem)
{
    m_compareStem = stem;
    updateComparison();
}

void StemGroupLane::updateComparison()
{
    const Track *t = m_session->track(trackId());
    const bool ready = t && m_compareStem >= 0 && m_compareStem < int(t->stems.size())
                       && m_audio.value(t->stems[std::size_t(m_compareStem)].source) && m_audio.value(m_original);
    for (QAbstractButton *b : m_abxButtons->buttons())
        b->setEnabled(ready || m_abxButtons->id(b) == kMixButton);
    if (!ready) {
        m_abxLabel->setText(tr("A/B/X: needs the stem's and the original's audio"));
        return;
    }
    const StemLane &stem = t->stems[std::size_t(m_compareStem)];
    m_abx.setLevels(levelOf(loudnessOf(stem.source)), levelOf(loudnessOf(m_original)));
    m_abxLabel->setText(comparisonText());
}

QString StemGroupLane::comparisonText() const
{
    const Track *t = m_session->track(trackId());
    if (!t || m_compareStem < 0 || m_compareStem >= int(t->stems.size()))
        return {};
    QString text = tr("A = %1 (%2 dB), B = original (%3 dB), loudness matched; %4/%5 X guesses right")
                       .arg(t->stems[std::size_t(m_compareStem)].name)
                       .arg(m_abx.gainDbA(), 0, 'f', 1)
                       .arg(m_abx.gainDbB(), 0, 'f', 1)
                       .arg(m_abx.correct())
                       .arg(m_abx.trials());
    if (!m_reveal.isEmpty())
        text += QStringLiteral("; ") + m_reveal;
    return text;
}

void StemGroupLane::selectAbx(AbxComparison::Choice choice)
{
    const Track *t = m_session->track(trackId());
    if (!t || m_compareStem < 0 || m_compareStem >= int(t->stems.size()))
        return;
    m_abx.select(choice);
    if (QAbstractButton *b = m_abxButtons->button(int(choice)))
        b->setChecked(true);
    m_auditioning = true;
    const bool a = m_abx.audible() == AbxComparison::Choice::A;
    const double gainDb = a ? m_abx.gainDbA() : m_abx.gainDbB();
    Q_EMIT auditionChanged(a ? t->stems[std::size_t(m_compareStem)].source : m_original, gainDb);
    Q_EMIT auditionRequested(a ? m_compareStem : originalStem, gainDb);
}

void StemGroupLane::stopAudition()
{
    if (QAbstractButton *b = m_abxButtons->button(kMixButton))
        b->setChecked(true);
    m_auditioning = false;
    Q_EMIT auditionChanged(SourceId(), 0.0);
    Q_EMIT auditionRequested(mixStem, 0.0);
}

void StemGroupLane::keyPressEvent(QKeyEvent *event)
{
    const bool ready = m_abxButtons->button(int(AbxComparison::Choice::A))->isEnabled();
    switch (event->key()) {
    case Qt::Key_A: if (ready) selectAbx(AbxComparison::Choice::A); break;
    case Qt::Key_B: if (ready) selectAbx(AbxComparison::Choice::B); break;
    case Qt::Key_X: if (ready) selectAbx(AbxComparison::Choice::X); break;
    case Qt::Key_M:
    case Qt::Key_Escape: stopAudition(); break;
    default: Lane::keyPressEvent(event); return;
    }
    event->accept();
}

void StemGroupLane::contextMenuEvent(QContextMenuEvent *event)
{
    const int stem = (event->pos().y() - abxBarHeight) / rowHeight();
    if (event->pos().y() < abxBarHeight || stem < 0 || stem >= stemCount())
        return Lane::contextMenuEvent(event);
    QMenu menu(this);
    menu.addAction(tr("Compare This Stem as A"), this, [this, stem] { setCompareStem(stem); });
    menu.addAction(tr("Set Reference Stem (for SDR)..."), this, [this, stem] { Q_EMIT referenceRequested(stem); });
    menu.exec(event->globalPos());
}

bool StemGroupLane::guessX(AbxComparison::Choice xIs)
{
    const bool right = m_abx.guess(xIs);
    const bool wasA = (xIs == AbxComparison::Choice::A) == right;
    m_reveal = right ? tr("X was %1: right").arg(wasA ? QStringLiteral("A") : QStringLiteral("B"))
                     : tr("X was %1: wrong").arg(wasA ? QStringLiteral("A") : QStringLiteral("B"));
    updateComparison();
    if (m_abx.selected() == AbxComparison::Choice::X)
        selectAbx(AbxComparison::Choice::X); // the new X may be the other one
    return right;
}

void StemGroupLane::paintEnvelope(QPainter &p, const media::AudioData &audio, const QRect &row, const QRect &dirty)
{
    if (audio.isEmpty() || audio.sampleRate <= 0)
        return;
    const TimeAxis &ax = *axis();
    const double mid = row.center().y(), half = row.height() / 2.0 - 2;
    const auto &samples = audio.channels.front();
    for (int x = std::max(dirty.left(), controlsWidth); x <= dirty.right(); ++x) {
        const auto from = std::int64_t(ax.secondsForX(x) * audio.sampleRate);
        const auto to = std::min<std::int64_t>(audio.frames(), std::int64_t(ax.secondsForX(x + 1) * audio.sampleRate) + 1);
        if (from >= audio.frames() || to <= 0)
            continue;
        float peak = 0.0f;
        // At most 64 samples per column: painting cost follows the width, not the zoom.
        const std::int64_t stride = std::max<std::int64_t>(1, (to - from) / 64);
        for (std::int64_t i = std::max<std::int64_t>(0, from); i < to; i += stride)
            peak = std::max(peak, std::abs(samples[std::size_t(i)]));
        p.drawLine(QPointF(x, mid - peak * half), QPointF(x, mid + peak * half));
    }
}

void StemGroupLane::paintLane(QPainter &p, const QRect &dirty)
{
    p.fillRect(dirty, laneBackground());
    const Track *t = m_session->track(trackId());
    if (!t)
        return;
    const int h = rowHeight();
    const QColor colour = trackColour(t->colour, m_session->trackIndex(trackId()));
    for (int i = 0; i < int(t->stems.size()); ++i) {
        const StemLane &stem = t->stems[std::size_t(i)];
        const QRect row(0, abxBarHeight + i * h, width(), h);
        if (!row.intersects(dirty))
            continue;
        p.fillRect(row.adjusted(0, 1, 0, -1), i % 2 ? QColor(255, 255, 255, 8) : QColor(0, 0, 0, 20));
        QColor c = colour;
        if (stem.mute)
            c.setAlpha(70);
        p.setPen(c);
        if (const auto audio = m_audio.value(stem.source))
            paintEnvelope(p, *audio, row, dirty);
        p.setPen(QColor(230, 230, 230));
        p.drawText(row.adjusted(4, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, stem.name);
        QStringList metrics;
        const auto &m = m_metrics.value(i);
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            metrics << QStringLiteral("%1 %2").arg(it.key()).arg(it.value(), 0, 'f', 2);
        p.drawText(row.adjusted(0, 2, -6, 0), Qt::AlignRight | Qt::AlignTop, metrics.join(QStringLiteral("  ")));
    }
}

} // namespace mirstudio::widgets
