// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/addsourcecommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

AddSourceCommand::AddSourceCommand(Session *session, MediaSource source, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Add media"), parent)
    , m_session(session)
{
    if (source.id.isNull())
        source.id = SourceId::create();
    m_source = std::make_shared<const MediaSource>(std::move(source));
}

void AddSourceCommand::redo()
{
    m_session->insertSource(m_source, -1);
}

void AddSourceCommand::undo()
{
    m_session->takeSource(m_source->id, nullptr);
}

} // namespace mirstudio
