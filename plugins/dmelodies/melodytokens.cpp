// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/melodytokens.h"

#include <cmath>
#include <stdexcept>

namespace mirstudio::dmelodies {

int64_t MelodyTokens::token(int pitchOrRest)
{
    if (pitchOrRest == kRest)
        return kRestToken;
    if (pitchOrRest < kLowestPitch || pitchOrRest > kHighestPitch)
        throw std::out_of_range("pitch outside the dMelodies range 60..109");
    return 2 + (pitchOrRest - kLowestPitch);
}

torch::Tensor MelodyTokens::tokens(const MelodyTicks &ticks)
{
    auto out = torch::empty({kSequenceLength}, torch::kLong);
    auto *p = out.data_ptr<int64_t>();
    for (int t = 0; t < kSequenceLength; ++t)
        p[t] = token(ticks[size_t(t)]);
    return out;
}

torch::Tensor MelodyTokens::batch(const std::vector<int64_t> &indices)
{
    std::vector<torch::Tensor> rows;
    rows.reserve(indices.size());
    for (const int64_t i : indices)
        rows.push_back(tokens(MelodyGenerator::melody(DMelodiesFactors::fromIndex(i))));
    return rows.empty() ? torch::empty({0, kSequenceLength}, torch::kLong) : torch::stack(rows);
}

torch::Tensor MelodyTokens::factorBatch(const std::vector<int64_t> &indices)
{
    auto out = torch::empty({int64_t(indices.size()), kFactorCount}, torch::kLong);
    auto *p = out.data_ptr<int64_t>();
    for (size_t n = 0; n < indices.size(); ++n) {
        const auto f = DMelodiesFactors::fromIndex(indices[n]);
        for (int k = 0; k < kFactorCount; ++k)
            p[n * kFactorCount + size_t(k)] = f.values[size_t(k)];
    }
    return out;
}

sdk::NoteSequence MelodyTokens::notes(const torch::Tensor &tokens, double bpm)
{
    const auto t = tokens.to(torch::kLong).contiguous().view({-1});
    const double tick = 30.0 / bpm; // an eighth note
    sdk::NoteSequence seq;
    seq.bpm = bpm;
    seq.ticksPerQuarter = 2;
    seq.beatsPerBar = 4;
    seq.duration = double(t.size(0)) * tick;
    bool open = false;
    for (int64_t i = 0; i < t.size(0); ++i) {
        const int64_t v = t[i].item<int64_t>();
        if (v == kHold) {
            if (open)
                seq.notes.back().duration += tick;
            continue;
        }
        open = v >= 2 && v < 2 + (kHighestPitch - kLowestPitch + 1);
        if (open) {
            sdk::Note n;
            n.pitch = int(v - 2 + kLowestPitch);
            n.start = double(i) * tick;
            n.duration = tick;
            seq.notes.push_back(n);
        }
    }
    return seq;
}

torch::Tensor MelodyTokens::fromNotes(const sdk::NoteSequence &notes)
{
    const double tick = 30.0 / (notes.bpm > 0 ? notes.bpm : 120.0);
    auto out = torch::full({kSequenceLength}, kRestToken, torch::kLong);
    for (const auto &n : notes.notes) {
        const int first = int(std::lround(n.start / tick));
        const int last = std::max(first + 1, int(std::lround((n.start + n.duration) / tick)));
        if (first < 0 || first >= kSequenceLength)
            continue;
        int pitch = n.pitch;
        while (pitch < kLowestPitch)
            pitch += 12;
        while (pitch > kHighestPitch)
            pitch -= 12;
        out[first] = token(pitch);
        for (int i = first + 1; i < std::min(last, kSequenceLength); ++i)
            out[i] = kHold;
    }
    return out;
}

} // namespace mirstudio::dmelodies
