// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QUndoCommand>

#include <cstdint>

namespace mirstudio {

class Session;

/**
 * Moves a clip to another track (appended to its clips) and to a new timeline start; undo puts
 * it back on its track at its old position and start. For moves within one track use
 * ClipGeometryCommand::move (it merges drags). Owned by the undo stack; GUI thread.
 */
class MoveClipCommand : public QUndoCommand
{
public:
    MoveClipCommand(Session *session, const TrackId &from, const ClipId &clip, const TrackId &to,
                    std::int64_t start, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    TrackId m_from;
    TrackId m_to;
    ClipId m_clip;
    std::int64_t m_start;
    std::int64_t m_oldStart = 0;
    int m_oldIndex = -1;
};

} // namespace mirstudio
