// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/track.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/**
 * Removes a track with all its clips; undo puts it back at the same index. Owned by the undo
 * stack; GUI thread.
 */
class RemoveTrackCommand : public QUndoCommand
{
public:
    RemoveTrackCommand(Session *session, const TrackId &id, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    TrackId m_id;
    Track m_track;
    int m_index = -1;
};

} // namespace mirstudio
