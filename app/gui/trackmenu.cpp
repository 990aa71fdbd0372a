// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/trackmenu.h"

#include "core/audio/midiports.h"
#include "core/session/session.h"
#include "core/session/trackpropertycommand.h"
#include "widgets/timelineview.h"
#include "widgets/trackheader.h"

#include <QActionGroup>
#include <QMenu>

namespace mirstudio {

TrackMenu::TrackMenu(widgets::TimelineView *timeline, Session *session, QObject *parent)
    : QObject(parent), m_timeline(timeline), m_session(session)
{
    m_ports = [] {
        QStringList names;
        for (const MidiPorts::Port &p : MidiPorts::outputPorts())
            names << p.name;
        return names;
    };
    connect(m_timeline, &widgets::TimelineView::rowsRebuilt, this, &TrackMenu::attach);
    attach();
}

void TrackMenu::attach()
{
    for (widgets::TrackHeader *header : m_timeline->headers()) {
        header->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &at) {
            QMenu *menu = menuFor(header->trackId(), header);
            if (!menu->isEmpty())
                menu->exec(header->mapToGlobal(at));
            menu->deleteLater();
        }); // headers are new widgets after each rebuild: one connection each
    }
}

QMenu *TrackMenu::menuFor(const TrackId &id, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const Track *track = m_session->track(id);
    if (!track)
        return menu;
    if (track->kind == Track::Kind::Audio) {
        QAction *separate = menu->addAction(tr("&Separate..."), this, [this, id] { Q_EMIT separateRequested(id); });
        separate->setEnabled(!track->clips.empty());
    } else if (track->kind == Track::Kind::Midi) {
        addMidiOutputs(menu->addMenu(tr("MIDI &Output")), id, track->midiOutput);
    }
    return menu;
}

void TrackMenu::addMidiOutputs(QMenu *menu, const TrackId &track, const QString &current)
{
    QStringList ports = m_ports ? m_ports() : QStringList();
    if (!current.isEmpty() && !ports.contains(current))
        ports.prepend(current); // chosen earlier, not connected now: still shown as chosen
    auto *group = new QActionGroup(menu);
    auto add = [&](const QString &text, const QString &value) {
        QAction *a = menu->addAction(text, this, [this, track, value] {
            if (TrackPropertyCommand::value(*m_session, track, TrackPropertyCommand::Property::MidiOutput).toString() != value)
                m_session->push(new TrackPropertyCommand(m_session, track, TrackPropertyCommand::Property::MidiOutput, value));
        });
        a->setCheckable(true);
        a->setChecked(value == current);
        a->setData(value);
        group->addAction(a);
    };
    add(tr("Built-in synth"), QString());
    if (ports.isEmpty())
        menu->addAction(tr("(no MIDI output ports: JACK/ALSA not running)"))->setEnabled(false);
    for (const QString &p : std::as_const(ports))
        add(p, p);
}

} // namespace mirstudio
