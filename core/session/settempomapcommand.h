// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/tempomap.h"

#include <QString>
#include <QUndoCommand>

namespace mirstudio {

class Session;

/**
 * Replaces the session tempo map (tempo, time and key signatures); undo restores the old one.
 * The factories insert or replace one tempo point or time signature. Owned by the undo stack;
 * GUI thread.
 */
class SetTempoMapCommand : public QUndoCommand
{
public:
    SetTempoMapCommand(Session *session, const media::TempoMap &map, const QString &text,
                       QUndoCommand *parent = nullptr);

    static SetTempoMapCommand *setTempo(Session *session, const media::TempoPoint &point);
    static SetTempoMapCommand *setTimeSignature(Session *session,
                                                const media::TimeSignature &signature);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    media::TempoMap m_old;
    media::TempoMap m_new;
};

} // namespace mirstudio
