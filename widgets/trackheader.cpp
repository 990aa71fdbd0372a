// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackheader.h"

#include "core/session/session.h"
#include "core/session/trackpropertycommand.h"
#include "widgets/lanepainting.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace mirstudio::widgets {

using Property = TrackPropertyCommand::Property;

TrackHeader::TrackHeader(Session *session, const TrackId &track, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
    , m_track(track)
{
    setFixedWidth(kWidth);
    setAutoFillBackground(true);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(10, 4, 6, 4);
    column->setSpacing(2);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("trackName"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    column->addWidget(m_name);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    m_mute = makeToggle(QStringLiteral("M"), tr("Mute"), int(Property::Mute));
    m_solo = makeToggle(QStringLiteral("S"), tr("Solo"), int(Property::Solo));
    m_arm = makeToggle(QStringLiteral("R"), tr("Record-arm"), int(Property::RecordArm));
    buttons->addWidget(m_mute);
    buttons->addWidget(m_solo);
    buttons->addWidget(m_arm);
    m_gainText = new QLabel(this);
    m_gainText->setMinimumWidth(52);
    m_gainText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    buttons->addStretch(1);
    buttons->addWidget(m_gainText);
    column->addLayout(buttons);
    m_gain = new QSlider(Qt::Horizontal, this);
    m_gain->setRange(-600, 120); // tenths of a dB
    m_gain->setToolTip(tr("Gain (dB)"));
    column->addWidget(m_gain);
    column->addStretch(1);
    connect(m_gain, &QSlider::valueChanged, this, [this](int tenths) {
        if (!m_refreshing)
            m_session->push(new TrackPropertyCommand(m_session, m_track, Property::GainDb, tenths / 10.0));
    });
    connect(m_session, &Session::trackChanged, this, [this](const TrackId &id) {
        if (id == m_track)
            refresh();
    });
    refresh();
}

QToolButton *TrackHeader::makeToggle(const QString &text, const QString &tip, int property)
{
    auto *b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setFixedSize(24, 22);
    connect(b, &QToolButton::toggled, this, [this, property](bool on) {
        if (!m_refreshing)
            m_session->push(new TrackPropertyCommand(m_session, m_track, Property(property), on));
    });
    return b;
}

void TrackHeader::refresh()
{
    const Track *t = m_session->track(m_track);
    if (!t)
        return;
    m_refreshing = true;
    m_name->setText(m_name->fontMetrics().elidedText(t->name, Qt::ElideRight, kWidth - 24));
    m_name->setToolTip(t->name);
    m_mute->setChecked(t->mute);
    m_solo->setChecked(t->solo);
    m_arm->setChecked(t->recordArm);
    m_arm->setVisible(t->kind == Track::Kind::Midi);
    m_gain->setValue(int(std::lround(t->gainDb * 10.0)));
    m_gainText->setText(tr("%1 dB").arg(t->gainDb, 0, 'f', 1));
    m_refreshing = false;
    update();
}

void TrackHeader::mouseDoubleClickEvent(QMouseEvent *)
{
    const Track *t = m_session->track(m_track);
    if (!t)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename track"), tr("Name:"), QLineEdit::Normal,
                                               t->name, &ok);
    if (ok && !name.trimmed().isEmpty() && name != t->name)
        m_session->push(new TrackPropertyCommand(m_session, m_track, Property::Name, name.trimmed()));
}

void TrackHeader::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter p(this);
    p.fillRect(QRect(0, 0, 5, height()), trackColour(m_session->track(m_track)
        ? m_session->track(m_track)->colour : QColor(), m_session->trackIndex(m_track)));
    p.setPen(palette().mid().color());
    p.drawLine(0, height() - 1, width(), height() - 1);
}

} // namespace mirstudio::widgets
