// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/midinote.h"

#include <cstdint>
#include <vector>

namespace mirstudio::widgets {

/**
 * A time index over a clip's notes: note indices sorted by start plus the longest length, so
 * the notes overlapping a tick range are found by binary search (painting costs the visible
 * notes, not all of them). Indices refer to the vector it was built from. Value type; rebuild
 * it when the notes change. Any thread.
 */
class NoteIndex
{
public:
    NoteIndex() = default;
    explicit NoteIndex(const std::vector<MidiNote> &notes);

    /** Calls `visit(index)` for every note overlapping [fromTick, toTick), in start order. */
    template<typename Visit>
    void forEachIn(const std::vector<MidiNote> &notes, std::int64_t fromTick, std::int64_t toTick,
                   Visit visit) const
    {
        for (std::size_t i = firstCandidate(fromTick); i < m_order.size(); ++i) {
            const MidiNote &n = notes[std::size_t(m_order[i])];
            if (n.start >= toTick)
                break;
            if (n.start + n.length > fromTick || n.start >= fromTick)
                visit(m_order[i]);
        }
    }
    std::size_t size() const { return m_order.size(); }

private:
    std::size_t firstCandidate(std::int64_t fromTick) const;

    std::vector<int> m_order;
    std::vector<std::int64_t> m_starts; // sorted, parallel to m_order
    std::int64_t m_maxLength = 0;
};

} // namespace mirstudio::widgets
