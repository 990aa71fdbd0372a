// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/gmvaeconfig.h"
#include "plugins/fadernets/musicattributes.h"
#include "plugins/sdk/valuetypes.h"

#include <torch/torch.h>
#include <vector>

namespace mirstudio::fadernets {

/** One 4-beat segment as FaderNets' data loader prepares it. */
struct Segment
{
    std::vector<std::int64_t> tokens; ///< performance events ending with EOS, <= maxTokens
    MusicAttributes attributes;       ///< rhythm, note density per 16th step
    std::vector<float> key;           ///< 24 values (KeyVector)
    double startSeconds = 0.0;        ///< where the segment starts in its source
};

/**
 * The model inputs of a batch of segments (official `trainer_gmm.py` after `convert_to_one_hot`):
 * event tokens padded with PAD (0) to `steps`, their one-hots, rhythm / note-density one-hots,
 * the key vectors and the two density attributes. Tensors are float32 (one-hots) or int64.
 */
struct SegmentBatch
{
    torch::Tensor tokens, eventsOneHot;    ///< (B, T) int64, (B, T, roll)
    torch::Tensor rhythm, rhythmOneHot;    ///< (B, 16) int64, (B, 16, 3)
    torch::Tensor notes, notesOneHot;      ///< (B, 16) int64, (B, 16, 16)
    torch::Tensor key;                     ///< (B, 24)
    torch::Tensor rhythmDensity, noteDensity; ///< (B,) float32

    static SegmentBatch of(const std::vector<Segment> &segments, const GmvaeConfig &config,
                           int64_t steps = 100);
};

/**
 * Cuts notes into FaderNets segments: 4 beats at the sequence's tempo (rescaled in time to
 * kReferenceBpm so that a token's 10 ms means the same on every input), a 16th grid, notes shifted
 * to the segment start and cut at its end, Magenta-style performance tokens (EventTokenizer with
 * FaderNets' settings) plus EOS. As the official loader: segments with more than `maxTokens`
 * tokens, or not starting with an onset, are skipped unless `keepAll` (then tokens are cut to
 * fit, EOS kept). Pure functions, thread-safe.
 */
class SegmentCutter
{
public:
    static constexpr int kMaxTokens = 100;
    /** Every segment is tokenised at this tempo (16th = 12.5 steps of 10 ms). */
    static constexpr double kReferenceBpm = 120.0;

    static std::vector<Segment> cut(const sdk::NoteSequence &notes, bool keepAll,
                                    int maxTokens = kMaxTokens);
    /** The notes of [start, start + length) seconds, shifted to 0 and cut at the end. */
    static sdk::NoteSequence window(const sdk::NoteSequence &notes, double start, double length);
    /** `notes` with every time multiplied by `factor` (bpm divided by it). */
    static sdk::NoteSequence scaledInTime(const sdk::NoteSequence &notes, double factor);
    /** Seconds of one 4-beat segment at `bpm`. */
    static double segmentSeconds(double bpm) { return 4.0 * 60.0 / bpm; }
};

} // namespace mirstudio::fadernets
