// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/** Moves a track to another index; undo moves it back. Owned by the undo stack; GUI thread. */
class MoveTrackCommand : public QUndoCommand
{
public:
    MoveTrackCommand(Session *session, const TrackId &id, int to, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    TrackId m_id;
    int m_to;
    int m_from = -1;
};

} // namespace mirstudio
