// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/pianotree.h"

#include "plugins/toolkit/notesfrommidi.h"

#include <algorithm>
#include <map>

namespace mirstudio::toolkit {

torch::Tensor PianoTree::encode(const sdk::NoteSequence &notes, int *dropped) const
{
    const NoteGrid &grid = m_config.grid;
    const int segSteps = m_config.segmentSteps;
    // The duration matrix of the official code: (step, pitch) -> duration in steps.
    std::map<std::pair<std::int64_t, int>, int> durations;
    std::int64_t lastStep = 0;
    for (const sdk::Note &n : notes.notes) {
        if (n.pitch < 0 || n.pitch > 127)
            continue;
        const std::int64_t on = std::max<std::int64_t>(grid.stepAt(n.start), 0);
        const std::int64_t off = std::max(grid.stepAt(n.start + n.duration), on + 1);
        const std::int64_t segmentEnd = (on / segSteps + 1) * segSteps;
        const int duration = int(std::min<std::int64_t>(
            {off - on, segmentEnd - on, std::int64_t(maxDurationSteps())}));
        int &cell = durations[{on, n.pitch}];
        cell = std::max(cell, duration);
        lastStep = std::max(lastStep, on);
    }
    const std::int64_t segments = durations.empty() ? 0 : lastStep / segSteps + 1;
    torch::Tensor tree = torch::full({segments, segSteps, m_config.slots, 6}, kDurationPad,
                                     torch::kInt64);
    auto acc = tree.accessor<std::int64_t, 4>();
    std::vector<int> used(size_t(segments * segSteps), 1);
    for (std::int64_t s = 0; s < segments; ++s) {
        for (int t = 0; t < segSteps; ++t) {
            acc[s][t][0][0] = kSos;
            for (int k = 1; k < m_config.slots; ++k)
                acc[s][t][k][0] = kPad;
        }
    }
    int droppedCount = 0;
    for (const auto &[key, duration] : durations) {   // ascending step, then pitch
        const std::int64_t step = key.first;
        int &slot = used[size_t(step)];
        if (slot > maxNotesPerStep()) {
            ++droppedCount;
            continue;
        }
        auto row = acc[step / segSteps][step % segSteps][slot];
        row[0] = key.second;
        for (int b = 0; b < kDurationBits; ++b)
            row[1 + b] = ((duration - 1) >> (kDurationBits - 1 - b)) & 1;
        ++slot;
    }
    for (std::int64_t step = 0; step < segments * segSteps; ++step)
        acc[step / segSteps][step % segSteps][used[size_t(step)]][0] = kEos;
    if (dropped)
        *dropped = droppedCount;
    return tree;
}

sdk::NoteSequence PianoTree::decode(const torch::Tensor &treeIn) const
{
    torch::Tensor tree = treeIn.to(torch::kInt64).contiguous();
    if (tree.dim() == 3)
        tree = tree.unsqueeze(0);
    TORCH_CHECK(tree.dim() == 4 && tree.size(3) == 6,
                "PianoTree tensor must be [segments, steps, slots, 6]");
    auto acc = tree.accessor<std::int64_t, 4>();
    sdk::NoteSequence seq;
    seq.bpm = m_config.grid.bpm;
    for (std::int64_t s = 0; s < tree.size(0); ++s) {
        for (std::int64_t t = 0; t < tree.size(1); ++t) {
            for (std::int64_t k = 0; k < tree.size(2); ++k) {
                const std::int64_t pitch = acc[s][t][k][0];
                if (pitch == kEos)
                    break;
                if (pitch < 0 || pitch > 127)
                    continue;   // <sos>, pad
                int duration = 0;
                for (int b = 0; b < kDurationBits; ++b)
                    duration = (duration << 1) | int(acc[s][t][k][1 + b] == 1);
                const std::int64_t step = s * tree.size(1) + t;
                sdk::Note note;
                note.pitch = int(pitch);
                note.start = m_config.grid.secondsAt(step);
                note.duration = m_config.grid.secondsAt(step + duration + 1) - note.start;
                seq.notes.push_back(note);
            }
        }
    }
    sortNotes(seq);
    return seq;
}

} // namespace mirstudio::toolkit
