// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/clip.h"
#include "core/session/typedid.h"

#include <cstdint>
#include <vector>

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

/** A clip of a track, as the timeline selects it. */
struct ClipRef
{
    TrackId track;
    ClipId clip;
    bool operator==(const ClipRef &) const = default;
};

/** Copied clips with their tracks, as the timeline's clipboard holds them. */
struct CopiedClip
{
    TrackId track;
    Clip clip;
};

/**
 * Clip-level edits of the timeline (delete, copy, paste, duplicate), each one undo step
 * (a Session::Macro of Add/RemoveClipCommands). No widgets involved, so tests call them
 * directly. Stateless; GUI thread (the session's).
 */
class ClipOperations
{
public:
    /** Removes the clips; returns how many were removed. */
    static int remove(Session &session, const std::vector<ClipRef> &clips);
    /** Copies of the clips that exist, with their tracks. */
    static std::vector<CopiedClip> copy(const Session &session, const std::vector<ClipRef> &clips);
    /**
     * Pastes `clips` with fresh ids so the earliest starts at `atFrame` (relative spacing kept)
     * on their own tracks when those still exist, else on `fallbackTrack` when it is a track of
     * the same kind. Returns the new clips.
     */
    static std::vector<ClipRef> paste(Session &session, const std::vector<CopiedClip> &clips,
                                      std::int64_t atFrame, const TrackId &fallbackTrack = {});
    /** Copies of the clips placed right after the selection's end. Returns the new clips. */
    static std::vector<ClipRef> duplicate(Session &session, const std::vector<ClipRef> &clips);
    /** Every clip of every track. */
    static std::vector<ClipRef> all(const Session &session);
    /** The clip of `track` under `frame`, if any (the last drawn wins). */
    static ClipRef at(const Session &session, const TrackId &track, std::int64_t frame);
};

} // namespace mirstudio::widgets
