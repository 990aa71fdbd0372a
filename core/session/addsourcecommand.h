// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/mediasource.h"

#include <QUndoCommand>

#include <memory>

namespace mirstudio {

class Session;

/**
 * Adds an immutable media source to the pool (a fresh id is made when it has none); undo
 * removes it. Owned by the undo stack or a parent command; GUI thread.
 */
class AddSourceCommand : public QUndoCommand
{
public:
    AddSourceCommand(Session *session, MediaSource source, QUndoCommand *parent = nullptr);

    SourceId sourceId() const { return m_source->id; }
    void redo() override;
    void undo() override;

private:
    Session *m_session;
    std::shared_ptr<const MediaSource> m_source;
};

} // namespace mirstudio
