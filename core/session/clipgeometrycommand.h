// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/typedid.h"

#include <QUndoCommand>

#include <cstdint>

namespace mirstudio {

class Session;

/**
 * Moves or trims a clip: sets its timeline start, source offset and length (frames, each
 * clamped to >= 0) and its gain. Successive edits of the same kind (move, trim, gain) of the
 * same clip merge into one undo step (a drag); a move followed by a trim stays two steps. Use the move()/trim()/setGain() factories for the common cases.
 * Owned by the undo stack; GUI thread.
 */
class ClipGeometryCommand : public QUndoCommand
{
public:
    struct Geometry
    {
        std::int64_t start = 0;
        std::int64_t offset = 0;
        std::int64_t length = 0;
        double gainDb = 0.0;
        bool operator==(const Geometry &) const = default;
    };

    ClipGeometryCommand(Session *session, const TrackId &track, const ClipId &clip,
                        const Geometry &geometry, QUndoCommand *parent = nullptr);

    /** Moves the clip to `start` on the timeline. */
    static ClipGeometryCommand *move(Session *session, const TrackId &track, const ClipId &clip,
                                     std::int64_t start);
    /** Trims: new source `offset` and `length`, and the matching timeline `start`. */
    static ClipGeometryCommand *trim(Session *session, const TrackId &track, const ClipId &clip,
                                     std::int64_t start, std::int64_t offset, std::int64_t length);
    static ClipGeometryCommand *setGain(Session *session, const TrackId &track,
                                        const ClipId &clip, double gainDb);

    void redo() override;
    void undo() override;
    int id() const override { return 0x2000; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    enum class Edit { Any, Move, Trim, Gain };
    static ClipGeometryCommand *make(Session *session, const TrackId &track, const ClipId &clip,
                                     const Geometry &g, Edit edit, const QString &text);
    void apply(const Geometry &g);

    Session *m_session;
    TrackId m_track;
    ClipId m_clip;
    Geometry m_old;
    Geometry m_new;
    Edit m_edit = Edit::Any;
};

} // namespace mirstudio
