// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"
#include "plugins/toolkit/notegrid.h"

#include <torch/torch.h>

namespace mirstudio::toolkit {

/**
 * The PianoTree VAE data representation (Wang et al., ISMIR 2020; ZZWaang/PianoTree-VAE
 * `utils.target_to_3dtarget` with the settings of its `dataset.py`).
 *
 * A segment is `segmentSteps` (32) sixteenth-note steps. Each step holds `slots` (16) rows of
 * 6 int64 values: column 0 is a pitch token, columns 1-5 the note's duration-1 in 5-bit binary,
 * most significant bit first. Row 0 is <sos> (128); then one row per note starting at that step,
 * in ascending pitch; then <eos> (129); the remaining rows are pad (130). Duration columns of
 * non-note rows are 2 (pad). So at most slots-2 = 14 notes start per step; durations are
 * 1..32 steps, cut at the segment end (as the official roll segmentation does).
 *
 * encode: [segments, 32, 16, 6] for a NoteSequence (segment k starts at step 32k). Notes beyond
 * 14 per step (the highest ones) are dropped and counted. decode: the notes of every segment,
 * placed one after the other. Pure functions; any thread.
 */
class PianoTree
{
public:
    static constexpr int kSos = 128;
    static constexpr int kEos = 129;
    static constexpr int kPad = 130;
    static constexpr int kDurationPad = 2;
    static constexpr int kDurationBits = 5;

    struct Config
    {
        NoteGrid grid;          ///< 4 steps per beat (16th notes) as the paper
        int segmentSteps = 32;  ///< 2 bars of 4/4
        int slots = 16;         ///< rows per step, <sos> and <eos> included
    };

    PianoTree() = default;
    explicit PianoTree(Config config) : m_config(config) {}

    const Config &config() const { return m_config; }
    int maxNotesPerStep() const { return m_config.slots - 2; }
    int maxDurationSteps() const { return 1 << kDurationBits; }

    /** `dropped` (optional) receives how many notes did not fit. */
    torch::Tensor encode(const sdk::NoteSequence &notes, int *dropped = nullptr) const;
    sdk::NoteSequence decode(const torch::Tensor &tree) const;

private:
    Config m_config;
};

} // namespace mirstudio::toolkit
