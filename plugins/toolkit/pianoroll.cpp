// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/pianoroll.h"

#include "plugins/toolkit/notesfrommidi.h"

#include <algorithm>

namespace mirstudio::toolkit {

torch::Tensor PianoRoll::encode(const sdk::NoteSequence &notes, std::int64_t minSteps) const
{
    const NoteGrid &grid = m_config.grid;
    std::int64_t steps = std::max<std::int64_t>(minSteps, 0);
    for (const sdk::Note &n : notes.notes) {
        const std::int64_t on = grid.stepAt(n.start);
        steps = std::max(steps, std::max(grid.stepAt(n.start + n.duration), on + 1));
    }
    const int channels = m_config.onsetChannel ? 2 : 1;
    torch::Tensor roll = torch::zeros({channels, steps, pitchCount()}, torch::kFloat32);
    auto acc = roll.accessor<float, 3>();
    for (const sdk::Note &n : notes.notes) {
        if (n.pitch < m_config.minPitch || n.pitch > m_config.maxPitch)
            continue;
        const std::int64_t on = std::max<std::int64_t>(grid.stepAt(n.start), 0);
        const std::int64_t off = std::max(grid.stepAt(n.start + n.duration), on + 1);
        const float value = m_config.velocity ? float(n.velocity) / 127.0f : 1.0f;
        const int row = n.pitch - m_config.minPitch;
        for (std::int64_t t = on; t < off; ++t)
            acc[0][t][row] = std::max(acc[0][t][row], value);
        if (m_config.onsetChannel)
            acc[1][on][row] = 1.0f;
    }
    return m_config.onsetChannel ? roll : roll.squeeze(0);
}

sdk::NoteSequence PianoRoll::decode(const torch::Tensor &rollIn) const
{
    torch::Tensor roll = rollIn.to(torch::kFloat32).contiguous();
    if (roll.dim() == 2)
        roll = roll.unsqueeze(0);
    TORCH_CHECK(roll.dim() == 3 && roll.size(2) == pitchCount(),
                "piano roll must be [steps, pitches] or [channels, steps, pitches]");
    const bool onsets = m_config.onsetChannel && roll.size(0) > 1;
    auto acc = roll.accessor<float, 3>();
    const std::int64_t steps = roll.size(1);
    sdk::NoteSequence seq;
    seq.bpm = m_config.grid.bpm;
    for (int row = 0; row < pitchCount(); ++row) {
        std::int64_t t = 0;
        while (t < steps) {
            if (acc[0][t][row] <= 0.0f) {
                ++t;
                continue;
            }
            const std::int64_t on = t;
            ++t;
            while (t < steps && acc[0][t][row] > 0.0f && !(onsets && acc[1][t][row] > 0.5f))
                ++t;
            sdk::Note note;
            note.pitch = row + m_config.minPitch;
            note.velocity = m_config.velocity
                ? std::clamp(int(std::lround(acc[0][on][row] * 127.0f)), 1, 127)
                : 100;
            note.start = m_config.grid.secondsAt(on);
            note.duration = m_config.grid.secondsAt(t) - note.start;
            seq.notes.push_back(note);
        }
    }
    sortNotes(seq);
    return seq;
}

} // namespace mirstudio::toolkit
