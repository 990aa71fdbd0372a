// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/settempomapcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

SetTempoMapCommand::SetTempoMapCommand(Session *session, const media::TempoMap &map,
                                       const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_session(session), m_old(session->tempoMap()), m_new(map)
{
}

SetTempoMapCommand *SetTempoMapCommand::setTempo(Session *session, const media::TempoPoint &point)
{
    media::TempoMap map = session->tempoMap();
    map.setTempo(point);
    return new SetTempoMapCommand(session, map,
                                  QCoreApplication::translate("mirstudio", "Set tempo"));
}

SetTempoMapCommand *SetTempoMapCommand::setTimeSignature(Session *session,
                                                         const media::TimeSignature &signature)
{
    media::TempoMap map = session->tempoMap();
    map.setTimeSignature(signature);
    return new SetTempoMapCommand(session, map,
                                  QCoreApplication::translate("mirstudio", "Set time signature"));
}

void SetTempoMapCommand::redo()
{
    m_session->setTempoMapInternal(m_new);
}

void SetTempoMapCommand::undo()
{
    m_session->setTempoMapInternal(m_old);
}

} // namespace mirstudio
