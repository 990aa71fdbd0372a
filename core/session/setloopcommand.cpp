// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/setloopcommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

#include <algorithm>

namespace mirstudio {

SetLoopCommand::SetLoopCommand(Session *session, const LoopRange &loop, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Set loop"), parent)
    , m_session(session), m_old(session->loop()), m_new(loop)
{
    m_new.start = std::max<std::int64_t>(0, m_new.start);
    m_new.end = std::max<std::int64_t>(0, m_new.end);
    if (m_new.end < m_new.start)
        std::swap(m_new.start, m_new.end);
}

void SetLoopCommand::redo()
{
    m_session->setLoopInternal(m_new);
}

void SetLoopCommand::undo()
{
    m_session->setLoopInternal(m_old);
}

bool SetLoopCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const SetLoopCommand *>(other);
    if (!o)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace mirstudio
