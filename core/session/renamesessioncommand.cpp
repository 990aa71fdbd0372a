// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/renamesessioncommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

RenameSessionCommand::RenameSessionCommand(Session *session, const QString &name,
                                           QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Rename session"), parent)
    , m_session(session), m_old(session->name()), m_new(name)
{
}

void RenameSessionCommand::redo()
{
    m_session->setNameInternal(m_new);
}

void RenameSessionCommand::undo()
{
    m_session->setNameInternal(m_old);
}

} // namespace mirstudio
