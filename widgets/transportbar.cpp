// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/transportbar.h"

#include "widgets/levelmeter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace mirstudio::widgets {

namespace {

QToolButton *button(QWidget *parent, QStyle::StandardPixmap icon, const QString &text, const QString &tip,
                    bool checkable)
{
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::NoFocus); // Space belongs to the window's play shortcut
    return b;
}

QLabel *display(QWidget *parent, int minWidth)
{
    auto *l = new QLabel(parent);
    QFont f = l->font();
    f.setFamily(QStringLiteral("monospace"));
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(f.pointSizeF() * 1.25);
    l->setFont(f);
    l->setMinimumWidth(minWidth);
    l->setAlignment(Qt::AlignCenter);
    l->setStyleSheet(QStringLiteral("QLabel { background: #1c1e22; color: #9fe0b0; border-radius: 3px; padding: 2px 6px; }"));
    return l;
}

} // namespace

TransportBar::TransportBar(QWidget *parent)
    : QWidget(parent)
    , m_play(button(this, QStyle::SP_MediaPlay, tr("Play"), tr("Play / pause (Space)"), true))
    , m_stop(button(this, QStyle::SP_MediaStop, tr("Stop"), tr("Stop and return to the start (Home)"), false))
    , m_loop(button(this, QStyle::SP_BrowserReload, tr("Loop"), tr("Loop (L)"), true))
    , m_record(button(this, QStyle::SP_DialogNoButton, tr("Record"), tr("Record (R)"), true))
    , m_bars(display(this, 120))
    , m_clock(display(this, 130))
    , m_tempo(display(this, 110))
    , m_left(new LevelMeter(this))
    , m_right(new LevelMeter(this))
{
    setObjectName(QStringLiteral("transport"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 3, 6, 3);
    for (QToolButton *b : {m_play, m_stop, m_loop, m_record})
        row->addWidget(b);
    row->addSpacing(12);
    row->addWidget(m_bars);
    row->addWidget(m_clock);
    row->addWidget(m_tempo);
    row->addStretch(1);
    auto *meters = new QVBoxLayout;
    meters->setSpacing(2);
    meters->addWidget(m_left);
    meters->addWidget(m_right);
    m_left->setFixedWidth(180);
    m_right->setFixedWidth(180);
    row->addLayout(meters);
    connect(m_play, &QToolButton::clicked, this, [this] { Q_EMIT playToggled(); });
    connect(m_stop, &QToolButton::clicked, this, &TransportBar::stopClicked);
    connect(m_loop, &QToolButton::toggled, this, &TransportBar::loopToggled);
    connect(m_record, &QToolButton::toggled, this, &TransportBar::recordToggled);
    setPosition(QStringLiteral("1|1|000"), 0.0);
    setTempo(120, 4, 4);
}

void TransportBar::setPlaying(bool playing)
{
    m_play->setChecked(playing);
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void TransportBar::setLooping(bool looping)
{
    const QSignalBlocker block(m_loop);
    m_loop->setChecked(looping);
}

void TransportBar::setRecording(bool recording)
{
    const QSignalBlocker block(m_record);
    m_record->setChecked(recording);
}

QString TransportBar::clockText(double seconds)
{
    const auto ms = std::int64_t(std::llround(std::max(0.0, seconds) * 1000.0));
    const auto h = ms / 3'600'000, m = (ms / 60'000) % 60, s = (ms / 1000) % 60, r = ms % 1000;
    const QString mss = QStringLiteral("%1:%2.%3").arg(m, 2, 10, QLatin1Char('0'))
                            .arg(s, 2, 10, QLatin1Char('0')).arg(r, 3, 10, QLatin1Char('0'));
    return h > 0 ? QStringLiteral("%1:%2").arg(h).arg(mss) : mss;
}

void TransportBar::setPosition(const QString &barBeat, double seconds)
{
    m_bars->setText(barBeat);
    m_clock->setText(clockText(seconds));
}

QString TransportBar::positionText() const
{
    return m_bars->text() + QLatin1Char(' ') + m_clock->text();
}

void TransportBar::setTempo(double bpm, int numerator, int denominator)
{
    m_tempo->setText(QStringLiteral("%1 bpm %2/%3").arg(bpm, 0, 'f', 1).arg(numerator).arg(denominator));
}

void TransportBar::setMasterPeaks(float left, float right)
{
    m_left->setPeak(left);
    m_right->setPeak(right);
}

} // namespace mirstudio::widgets
