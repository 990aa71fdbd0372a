// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/noteindex.h"

#include <algorithm>
#include <numeric>

namespace mirstudio::widgets {

NoteIndex::NoteIndex(const std::vector<MidiNote> &notes)
    : m_order(notes.size())
{
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(),
                     [&](int a, int b) { return notes[std::size_t(a)].start < notes[std::size_t(b)].start; });
    m_starts.reserve(notes.size());
    for (int i : m_order) {
        m_starts.push_back(notes[std::size_t(i)].start);
        m_maxLength = std::max(m_maxLength, notes[std::size_t(i)].length);
    }
}

std::size_t NoteIndex::firstCandidate(std::int64_t fromTick) const
{
    // A note starting before fromTick - maxLength ends before fromTick.
    const auto it = std::lower_bound(m_starts.begin(), m_starts.end(), fromTick - m_maxLength);
    return std::size_t(it - m_starts.begin());
}

} // namespace mirstudio::widgets
