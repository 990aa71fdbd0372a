// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"
#include "plugins/toolkit/notegrid.h"

#include <torch/torch.h>

namespace mirstudio::toolkit {

/** How a piano roll is laid out. Value type. */
struct PianoRollConfig
{
    NoteGrid grid;                ///< step grid (default 16th notes at 120 bpm)
    int minPitch = 0;             ///< lowest pitch row
    int maxPitch = 127;           ///< highest pitch row (inclusive)
    bool velocity = false;        ///< cells hold velocity/127 instead of 1
    bool onsetChannel = false;    ///< add a second channel that is 1 on each note's first step
};

/**
 * Piano-roll encoder/decoder for sdk::NoteSequence on a step grid.
 *
 * encode: a float32 tensor [steps, pitches] (or [2, steps, pitches] with the onset channel:
 * channel 0 = frames, channel 1 = onsets). A note covers steps [round(start), round(end)),
 * at least one step; notes outside the pitch range are left out. `steps` is the end of the
 * last note (or `minSteps` when larger).
 * decode: a frame run (split at every onset when the onset channel is present) becomes one
 * note; its velocity is the run's first cell * 127 for a velocity roll, else 100.
 * Round trip: exact on the grid when the onset channel is present (without it, touching notes
 * of one pitch merge). Pure functions; any thread.
 */
class PianoRoll
{
public:
    explicit PianoRoll(PianoRollConfig config = {}) : m_config(config) {}

    const PianoRollConfig &config() const { return m_config; }
    int pitchCount() const { return m_config.maxPitch - m_config.minPitch + 1; }

    torch::Tensor encode(const sdk::NoteSequence &notes, std::int64_t minSteps = 0) const;
    sdk::NoteSequence decode(const torch::Tensor &roll) const;

private:
    PianoRollConfig m_config;
};

} // namespace mirstudio::toolkit
