// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/melodygenerator.h"
#include "plugins/sdk/valuetypes.h"

#include <torch/torch.h>
#include <vector>

namespace mirstudio::dmelodies {

/**
 * The token table this project uses for dMelodies (the one of the golden fixtures): 0 = '__'
 * (hold), 1 = 'rest', 2 + (midi − 60) for MIDI pitches 60..109; 52..61 are unused scores. The
 * official table is built at dataset creation and stored only in the dataset's .npz; weights
 * trained here use this table. Stateless, thread-safe.
 */
class MelodyTokens
{
public:
    static constexpr int64_t kHold = 0;
    static constexpr int64_t kRestToken = 1;
    static constexpr int kLowestPitch = 60;
    static constexpr int kHighestPitch = 109;

    /** Token of a MIDI pitch (60..109) or kRest; throws std::out_of_range otherwise. */
    static int64_t token(int pitchOrRest);
    /** (16,) int64 tokens of a melody. */
    static torch::Tensor tokens(const MelodyTicks &ticks);
    /** (N, 16) int64 tokens of the melodies of dataset indices. */
    static torch::Tensor batch(const std::vector<int64_t> &indices);
    /** (N, 9) int64 factor values of dataset indices. */
    static torch::Tensor factorBatch(const std::vector<int64_t> &indices);
    /**
     * Notes of (16,) tokens on the eighth-note grid at `bpm`; a hold extends the previous note,
     * a rest ends it, tokens 52..61 are read as rests.
     */
    static sdk::NoteSequence notes(const torch::Tensor &tokens, double bpm = 120.0);
    /**
     * (16,) tokens of the first 2 bars of notes quantised to eighths at the sequence's bpm:
     * a note starting on a tick gives its pitch (clamped by octaves into 60..109), a tick inside a
     * note gives a hold, anything else a rest.
     */
    static torch::Tensor fromNotes(const sdk::NoteSequence &notes);
};

} // namespace mirstudio::dmelodies
