// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/clip.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/** Adds a clip to a track (at the end of its clip list); undo removes it. Owned by the undo
 * stack or a parent command; GUI thread. */
class AddClipCommand : public QUndoCommand
{
public:
    AddClipCommand(Session *session, const TrackId &track, Clip clip,
                   QUndoCommand *parent = nullptr);

    ClipId clipId() const { return m_clip.id; }
    void redo() override;
    void undo() override;

private:
    Session *m_session;
    TrackId m_track;
    Clip m_clip;
};

} // namespace mirstudio
