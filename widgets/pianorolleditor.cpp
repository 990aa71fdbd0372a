// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/pianorolleditor.h"

#include "widgets/pianokeyboard.h"
#include "widgets/pianorolllane.h"
#include "widgets/velocitylane.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QToolButton>

namespace mirstudio::widgets {

namespace {

const std::pair<const char *, SnapGrid> snapChoices[] = {
    {"Off", SnapGrid::Off},           {"Bar", SnapGrid::Bar},
    {"Beat", SnapGrid::Beat},         {"1/4", SnapGrid::Quarter},
    {"1/8", SnapGrid::Eighth},        {"1/16", SnapGrid::Sixteenth},
    {"1/32", SnapGrid::ThirtySecond}, {"1/4 T", SnapGrid::QuarterTriplet},
    {"1/8 T", SnapGrid::EighthTriplet}, {"1/16 T", SnapGrid::SixteenthTriplet},
    {"1/32 T", SnapGrid::ThirtySecondTriplet},
};

} // namespace

PianoRollEditor::PianoRollEditor(TimeAxis *axis, Session *session, const TrackId &track, QWidget *parent)
    : QWidget(parent)
    , m_roll(new PianoRollLane(axis, session, track, this))
    , m_keyboard(new PianoKeyboard(m_roll, &m_audition, this))
    , m_velocity(new VelocityLane(axis, m_roll, this))
    , m_snap(new QComboBox(this))
    , m_draw(new QToolButton(this))
    , m_pitchBar(new QScrollBar(Qt::Vertical, this))
{
    m_roll->setAudition(&m_audition);
    for (const auto &[name, grid] : snapChoices)
        m_snap->addItem(tr(name), int(grid));
    m_snap->setCurrentIndex(m_snap->findData(int(SnapGrid::Sixteenth)));
    connect(m_snap, &QComboBox::currentIndexChanged, this,
            [this] { m_roll->setSnapGrid(SnapGrid(m_snap->currentData().toInt())); });
    m_draw->setText(tr("Draw"));
    m_draw->setCheckable(true);
    connect(m_draw, &QToolButton::toggled, this, [this](bool on) {
        m_roll->setTool(on ? PianoRollLane::Tool::Draw : PianoRollLane::Tool::Select);
    });
    auto *quantize = new QToolButton(this);
    quantize->setText(tr("Quantize"));
    connect(quantize, &QToolButton::clicked, m_roll, &PianoRollLane::quantizeSelection);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_draw);
    tools->addWidget(m_snap);
    tools->addWidget(quantize);
    tools->addStretch();

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(0);
    grid->addLayout(tools, 0, 0, 1, 3);
    grid->addWidget(m_keyboard, 1, 0);
    grid->addWidget(m_roll, 1, 1);
    grid->addWidget(m_pitchBar, 1, 2);
    grid->addWidget(m_velocity, 2, 1);
    grid->setRowStretch(1, 1);
    m_keyboard->setFixedWidth(56);
    m_roll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding); // lanes are fixed-height in the timeline
    m_roll->setMinimumHeight(200);
    m_velocity->setFixedHeight(60);

    // The scroll bar runs top (high pitches) to bottom; its value is the top pitch's distance from 127.
    connect(m_pitchBar, &QScrollBar::valueChanged, this,
            [this](int v) { scrollPitch(127 - v - m_visibleKeys + 1); });
    setVisibleKeys(m_visibleKeys);
    m_pitchBar->setValue(127 - 84); // C2..C5 visible at first
    connect(m_roll, &PianoRollLane::selectionChanged, m_velocity, qOverload<>(&QWidget::update));
}

void PianoRollEditor::setVisibleKeys(int keys)
{
    m_visibleKeys = std::clamp(keys, 12, 128);
    m_pitchBar->setRange(0, 128 - m_visibleKeys);
    m_pitchBar->setPageStep(m_visibleKeys);
    scrollPitch(127 - m_pitchBar->value() - m_visibleKeys + 1);
}

void PianoRollEditor::scrollPitch(int lowPitch)
{
    m_roll->setPitchRange(lowPitch, lowPitch + m_visibleKeys - 1);
    m_keyboard->update();
}

} // namespace mirstudio::widgets
