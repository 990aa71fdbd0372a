// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/stemlane.h"
#include "core/session/typedid.h"

#include <QUndoCommand>

namespace mirstudio {

class Session;

/**
 * Sets one lane of a stem-group track (name, gain, mute, solo; the source stays). Successive
 * changes of the same lane merge (a gain drag). Owned by the undo stack; GUI thread.
 */
class StemLaneCommand : public QUndoCommand
{
public:
    StemLaneCommand(Session *session, const TrackId &track, int lane, const StemLane &value,
                    QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override { return 0x5000; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(const StemLane &value);

    Session *m_session;
    TrackId m_track;
    int m_lane;
    StemLane m_old;
    StemLane m_new;
};

} // namespace mirstudio
