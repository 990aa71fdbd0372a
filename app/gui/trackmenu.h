// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QMenu;
class QWidget;

namespace mirstudio {

class Session;
namespace widgets {
class TimelineView;
}

/**
 * The context menu of the timeline's track headers (right click): "Separate..." on audio
 * tracks (emits separateRequested, the window opens the SeparateDialog) and, on MIDI tracks,
 * "MIDI Output" choosing the synth or one of the MIDI output ports (one undoable
 * TrackPropertyCommand Property::MidiOutput; the plan routes the track there). Attaches itself
 * to the headers each time the timeline rebuilds its rows.
 *
 * Does not own the timeline or session. GUI thread only.
 */
class TrackMenu : public QObject
{
    Q_OBJECT
public:
    TrackMenu(widgets::TimelineView *timeline, Session *session, QObject *parent = nullptr);

    /** The port names offered as MIDI outputs; MidiPorts::outputPorts() by default. Tests set a list. */
    void setOutputPortSource(std::function<QStringList()> source) { m_ports = std::move(source); }
    /** The menu for `track` (owned by `parent`); empty for kinds without actions. */
    QMenu *menuFor(const TrackId &track, QWidget *parent);

Q_SIGNALS:
    void separateRequested(const mirstudio::TrackId &track);

private:
    void attach();
    void addMidiOutputs(QMenu *menu, const TrackId &track, const QString &current);

    widgets::TimelineView *m_timeline;
    Session *m_session;
    std::function<QStringList()> m_ports;
};

} // namespace mirstudio
