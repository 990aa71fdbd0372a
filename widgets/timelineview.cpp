// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/timelineview.h"

#include "core/analysis/spectrogramtilecache.h"
#include "core/session/clipgeometrycommand.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/annotationlane.h"
#include "widgets/pianorolllane.h"
#include "widgets/spectrogramlane.h"
#include "widgets/stemgrouplane.h"
#include "widgets/peakcache.h"
#include "widgets/timeaxis.h"
#include "widgets/timeruler.h"
#include "widgets/trackheader.h"
#include "widgets/waveformlane.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

namespace {

constexpr double kZoomStep = 1.5;

} // namespace

TimelineView::TimelineView(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_axis(new TimeAxis(this))
    , m_peaks(new PeakCache(this))
    , m_spectra(new SpectrogramTileCache(std::size_t(256) << 20, this))
    , m_ruler(new TimeRuler(m_axis, this))
    , m_scroll(new QScrollArea(this))
    , m_rowsHost(new QWidget)
    , m_rowsLayout(new QVBoxLayout(m_rowsHost))
    , m_hbar(new QScrollBar(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("timeline"));
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *top = new QHBoxLayout;
    auto *corner = new QWidget(this);
    corner->setFixedWidth(TrackHeader::kWidth);
    top->addWidget(corner);
    top->addWidget(m_ruler, 1);
    column->addLayout(top);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(1);
    m_rowsLayout->addStretch(1);
    m_scroll->setWidget(m_rowsHost);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    column->addWidget(m_scroll, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addSpacing(TrackHeader::kWidth);
    bottom->addWidget(m_hbar, 1);
    column->addLayout(bottom);

    m_axis->setSampleRate(m_session->sampleRate());
    m_axis->setTempoMap(&m_session->tempoMap());
    connect(m_ruler, &TimeRuler::seekRequested, this, &TimelineView::seekRequested);
    connect(m_ruler, &TimeRuler::loopRequested, this, &TimelineView::loopRequested);
    connect(m_axis, &TimeAxis::changed, this, &TimelineView::updateScrollBar);
    connect(m_hbar, &QScrollBar::valueChanged, this, [this](int v) {
        if (!m_syncingBar)
            m_axis->setLeftSeconds(v / m_axis->pixelsPerSecond());
    });
    connect(m_session, &Session::sessionReset, this, [this] {
        m_selection.clear();
        m_axis->setSampleRate(m_session->sampleRate());
        m_axis->setTempoMap(&m_session->tempoMap());
        rebuild();
    });
    connect(m_session, &Session::tempoChanged, this, [this] { m_axis->setTempoMap(&m_session->tempoMap()); });
    connect(m_session, &Session::trackAdded, this, &TimelineView::rebuild);
    connect(m_session, &Session::trackRemoved, this, &TimelineView::rebuild);
    connect(m_session, &Session::trackMoved, this, &TimelineView::rebuild);
    connect(m_session, &Session::clipAdded, this, &TimelineView::updateScrollBar);
    connect(m_session, &Session::clipChanged, this, &TimelineView::updateScrollBar);
    connect(m_session, &Session::clipRemoved, this, [this](const TrackId &, const ClipId &clip) {
        std::erase_if(m_selection, [&](const ClipRef &r) { return r.clip == clip; });
        pushSelectionToLanes();
        updateScrollBar();
    });
    connect(m_session, &Session::loopChanged, this, [this](const LoopRange &loop) {
        const double rate = m_session->sampleRate();
        m_ruler->setLoop(loop.start / rate, loop.enabled ? loop.end / rate : loop.start / rate);
    });
    rebuild();
}

TimelineView::~TimelineView() = default;

QList<Lane *> TimelineView::lanes() const
{
    QList<Lane *> out;
    for (const Row &r : m_rows)
        out.append(r.lane);
    return out;
}

QList<TrackHeader *> TimelineView::headers() const
{
    QList<TrackHeader *> out;
    for (const Row &r : m_rows)
        out.append(r.header);
    return out;
}

Lane *TimelineView::laneFor(const TrackId &track) const
{
    for (const Row &r : m_rows)
        if (r.lane->trackId() == track)
            return r.lane;
    return nullptr;
}

void TimelineView::setLaneFactory(Track::Kind kind, LaneFactory factory)
{
    m_factories.insert(int(kind), std::move(factory));
    rebuild();
}

Lane *TimelineView::makeLane(const Track &track, QWidget *parent)
{
    if (auto it = m_factories.constFind(int(track.kind)); it != m_factories.constEnd() && it.value())
        if (Lane *lane = it.value()(m_axis, m_session, track, parent))
            return lane;
    switch (track.kind) {
    case Track::Kind::Audio:
        if (m_audioView == AudioView::Spectrogram) {
            auto *lane = new SpectrogramLane(m_axis, m_session, track.id, m_spectra, parent);
            lane->setColourMap(m_colourMap);
            return lane;
        }
        return new WaveformLane(m_axis, m_session, m_peaks, track.id, parent);
    case Track::Kind::Midi: {
        auto *roll = new PianoRollLane(m_axis, m_session, track.id, parent);
        int low = 127, high = 0;
        for (const Clip &c : track.clips)
            for (const MidiNote &n : c.notes) {
                low = std::min(low, n.pitch);
                high = std::max(high, n.pitch);
            }
        // Show the notes the track has, with a little room, at least an octave.
        if (low > high)
            low = 48, high = 72;
        const int pad = std::max(2, (12 - (high - low)) / 2);
        roll->setPitchRange(std::max(0, low - pad), std::min(127, high + pad));
        return roll;
    }
    case Track::Kind::StemGroup:
        return new StemGroupLane(m_axis, m_session, track.id, parent);
    case Track::Kind::Annotation:
        return new AnnotationLane(m_axis, m_session, track.id, parent);
    }
    return new WaveformLane(m_axis, m_session, m_peaks, track.id, parent); // clip boxes for any other kind
}

void TimelineView::setAudioView(AudioView view)
{
    if (view == m_audioView)
        return;
    m_audioView = view;
    rebuild();
}

void TimelineView::setColourMap(ColourMap::Name name)
{
    m_colourMap = name;
    for (Row &r : m_rows)
        if (auto *spectrogram = qobject_cast<SpectrogramLane *>(r.lane))
            spectrogram->setColourMap(name);
}

void TimelineView::rebuild()
{
    for (Row &r : m_rows)
        delete r.row;
    m_rows.clear();
    int index = 0;
    for (const Track &t : m_session->tracks()) {
        auto *row = new QWidget(m_rowsHost);
        auto *line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(0);
        auto *header = new TrackHeader(m_session, t.id, row);
        Lane *lane = makeLane(t, row);
        lane->installEventFilter(this);
        lane->setPlayheadSeconds(m_playhead);
        line->addWidget(header);
        line->addWidget(lane, 1);
        row->setFixedHeight(lane->preferredHeight());
        m_rowsLayout->insertWidget(index++, row);
        m_rows.push_back({row, header, lane});
    }
    pushSelectionToLanes();
    updateScrollBar();
    Q_EMIT rowsRebuilt();
}

double TimelineView::sessionSeconds() const
{
    const double rate = m_session->sampleRate();
    std::int64_t end = 0;
    for (const Track &t : m_session->tracks()) {
        for (const Clip &c : t.clips)
            end = std::max(end, c.start + c.length);
        for (const AnnotationItem &i : t.items)
            end = std::max(end, i.start + i.length);
        for (const StemLane &s : t.stems)
            if (auto src = m_session->mediaPool().source(s.source))
                end = std::max(end, std::int64_t(double(src->frames) * rate / std::max(1, src->sampleRate)));
    }
    return std::max(10.0, end / rate);
}

void TimelineView::updateScrollBar()
{
    m_syncingBar = true;
    const double pps = m_axis->pixelsPerSecond();
    const double total = std::max(sessionSeconds() + 5.0, m_axis->rightSeconds()) * pps;
    const double maxValue = std::clamp(total - m_axis->viewWidth(), 0.0, 2e9);
    m_hbar->setRange(0, int(maxValue));
    m_hbar->setPageStep(m_axis->viewWidth());
    m_hbar->setSingleStep(std::max(1, m_axis->viewWidth() / 20));
    m_hbar->setValue(int(std::min(maxValue, m_axis->leftSeconds() * pps)));
    m_syncingBar = false;
}

void TimelineView::setPlayheadSeconds(double seconds, bool follow)
{
    m_playhead = seconds;
    m_ruler->setPlayheadSeconds(seconds);
    for (Row &r : m_rows)
        r.lane->setPlayheadSeconds(seconds);
    if (follow && (seconds > m_axis->rightSeconds() || seconds < m_axis->leftSeconds()))
        m_axis->setLeftSeconds(seconds - 0.05 * (m_axis->rightSeconds() - m_axis->leftSeconds()));
}

void TimelineView::zoomIn()
{
    const double x = m_axis->xForSeconds(m_playhead);
    m_axis->zoomAround(x >= 0 && x <= m_axis->viewWidth() ? x : m_axis->viewWidth() / 2.0, kZoomStep);
}

void TimelineView::zoomOut()
{
    const double x = m_axis->xForSeconds(m_playhead);
    m_axis->zoomAround(x >= 0 && x <= m_axis->viewWidth() ? x : m_axis->viewWidth() / 2.0, 1.0 / kZoomStep);
}

void TimelineView::zoomToFit()
{
    m_axis->showRange(0.0, sessionSeconds() * 1.02);
}

void TimelineView::setSelection(const std::vector<ClipRef> &clips)
{
    m_selection = clips;
    pushSelectionToLanes();
    Q_EMIT selectionChanged();
}

void TimelineView::pushSelectionToLanes()
{
    for (Row &r : m_rows) {
        QSet<ClipId> mine;
        for (const ClipRef &c : m_selection)
            if (c.track == r.lane->trackId())
                mine.insert(c.clip);
        r.lane->setSelectedClips(mine);
    }
}

void TimelineView::selectAll()
{
    setSelection(ClipOperations::all(*m_session));
}

void TimelineView::deleteSelection()
{
    if (m_selection.empty())
        return;
    const auto doomed = m_selection;
    setSelection({});
    ClipOperations::remove(*m_session, doomed);
}

void TimelineView::copySelection()
{
    m_clipboard = ClipOperations::copy(*m_session, m_selection);
}

void TimelineView::paste()
{
    const auto frame = std::int64_t(std::llround(m_playhead * m_session->sampleRate()));
    const auto made = ClipOperations::paste(*m_session, m_clipboard, frame, m_currentTrack);
    if (!made.empty())
        setSelection(made);
}

void TimelineView::duplicateSelection()
{
    const auto made = ClipOperations::duplicate(*m_session, m_selection);
    if (!made.empty())
        setSelection(made);
}

void TimelineView::laneClicked(Lane *lane, double x, Qt::KeyboardModifiers modifiers)
{
    m_currentTrack = lane->trackId();
    const ClipRef hit = ClipOperations::at(*m_session, lane->trackId(), m_axis->frameForX(x));
    if (hit.clip.isNull()) {
        if (!(modifiers & Qt::ControlModifier))
            setSelection({});
        Q_EMIT seekRequested(std::max(0.0, m_axis->secondsForX(x)));
        return;
    }
    const bool extend = modifiers & (Qt::ControlModifier | Qt::ShiftModifier);
    auto sel = extend ? m_selection : std::vector<ClipRef>{};
    if (auto it = std::find(sel.begin(), sel.end(), hit); it != sel.end())
        sel.erase(it);
    else
        sel.push_back(hit);
    setSelection(sel);
    if (!extend)
        m_drag = Drag{hit, x, m_session->clip(hit.track, hit.clip)->start, false};
}

bool TimelineView::dragMove(double x, Qt::KeyboardModifiers modifiers)
{
    if (!m_drag || !m_session->clip(m_drag->clip.track, m_drag->clip.clip))
        return false;
    if (!m_drag->moving && std::abs(x - m_drag->pressX) < QApplication::startDragDistance())
        return true;
    m_drag->moving = true;
    const double rate = m_session->sampleRate();
    double seconds = std::max(0.0, m_drag->originalStart / rate + (x - m_drag->pressX) / m_axis->pixelsPerSecond());
    if (!(modifiers & Qt::AltModifier))
        seconds = m_axis->snapSeconds(seconds, m_snap);
    const auto start = std::int64_t(std::llround(seconds * rate));
    if (start != m_session->clip(m_drag->clip.track, m_drag->clip.clip)->start)
        m_session->push(ClipGeometryCommand::move(m_session, m_drag->clip.track, m_drag->clip.clip, start));
    return true;
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    auto *lane = qobject_cast<Lane *>(watched);
    if (!lane)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        const double notches = wheel->angleDelta().y() / 120.0;
        if (wheel->modifiers() & Qt::ControlModifier) {
            m_axis->zoomAround(wheel->position().x(), std::pow(1.25, notches));
            return true;
        }
        if (wheel->modifiers() & Qt::ShiftModifier) {
            m_axis->scrollBy(-notches * m_axis->viewWidth() / 8.0);
            return true;
        }
    } else if (event->type() == QEvent::MouseButtonPress && lane->selectsClips()) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            laneClicked(lane, mouse->position().x(), mouse->modifiers());
            return true;
        }
    } else if (event->type() == QEvent::MouseMove && m_drag) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->buttons() & Qt::LeftButton)
            return dragMove(mouse->position().x(), mouse->modifiers());
    } else if (event->type() == QEvent::MouseButtonRelease && m_drag) {
        m_drag.reset();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateScrollBar();
}

} // namespace mirstudio::widgets
