// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/track.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/**
 * Adds a track at an index (-1 = at the end). Undo removes it again. Also used as a child of
 * compound commands (AddStemGroupCommand). Owned by the undo stack (or its parent command);
 * GUI thread.
 */
class AddTrackCommand : public QUndoCommand
{
public:
    AddTrackCommand(Session *session, Track track, int index = -1,
                    QUndoCommand *parent = nullptr);

    TrackId trackId() const { return m_track.id; }
    void redo() override;
    void undo() override;

private:
    Session *m_session;
    Track m_track;
    int m_index;
};

} // namespace mirstudio
