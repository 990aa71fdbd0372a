// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/looprange.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/**
 * Sets the loop range (start/end are ordered and clamped to >= 0). Successive loop changes
 * merge into one undo step (dragging a loop edge). Owned by the undo stack; GUI thread.
 */
class SetLoopCommand : public QUndoCommand
{
public:
    SetLoopCommand(Session *session, const LoopRange &loop, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override { return 0x4000; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    Session *m_session;
    LoopRange m_old;
    LoopRange m_new;
};

} // namespace mirstudio
