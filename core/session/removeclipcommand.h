// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/clip.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/** Removes a clip from a track; undo puts it back at the same position. Owned by the undo
 * stack; GUI thread. */
class RemoveClipCommand : public QUndoCommand
{
public:
    RemoveClipCommand(Session *session, const TrackId &track, const ClipId &clip,
                      QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    TrackId m_track;
    ClipId m_id;
    Clip m_clip;
    int m_index = -1;
};

} // namespace mirstudio
