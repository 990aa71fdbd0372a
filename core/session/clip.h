// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/midinote.h"
#include "core/session/provenance.h"
#include "core/session/typedid.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace mirstudio {

/**
 * A region of a media source placed on a track: `start` on the timeline, `offset` into the
 * source and `length`, all in frames at the session rate; `gainDb` on top of the track gain.
 * MIDI clips may hold their notes inline. Owned by value by its Track; any thread may read a
 * copy, only the GUI thread edits the session's own through commands.
 */
struct Clip
{
    ClipId id;
    SourceId source; // may be null for a MIDI clip whose notes are all inline
    std::int64_t start = 0;
    std::int64_t offset = 0;
    std::int64_t length = 0;
    double gainDb = 0.0;
    std::vector<MidiNote> notes;
    std::optional<Provenance> provenance;

    bool operator==(const Clip &) const = default;
};

} // namespace mirstudio
