// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/segmentbatch.h"

#include "plugins/fadernets/keyvector.h"
#include "plugins/toolkit/eventtokens.h"

#include <algorithm>

namespace mirstudio::fadernets {

namespace {

torch::Tensor oneHot(const torch::Tensor &indices, int64_t classes)
{
    return torch::one_hot(indices, classes).to(torch::kFloat32);
}

} // namespace

SegmentBatch SegmentBatch::of(const std::vector<Segment> &segments, const GmvaeConfig &config,
                              int64_t steps)
{
    const auto B = int64_t(segments.size());
    const int64_t sub = config.subSteps;
    SegmentBatch b;
    b.tokens = torch::zeros({B, steps}, torch::kLong);
    b.rhythm = torch::zeros({B, sub}, torch::kLong);
    b.notes = torch::zeros({B, sub}, torch::kLong);
    b.key = torch::zeros({B, 24});
    b.rhythmDensity = torch::zeros({B});
    b.noteDensity = torch::zeros({B});
    auto tok = b.tokens.accessor<int64_t, 2>();
    auto rh = b.rhythm.accessor<int64_t, 2>();
    auto nd = b.notes.accessor<int64_t, 2>();
    auto key = b.key.accessor<float, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto &s = segments[size_t(i)];
        for (int64_t t = 0; t < std::min<int64_t>(steps, int64_t(s.tokens.size())); ++t)
            tok[i][t] = s.tokens[size_t(t)];
        for (int64_t t = 0; t < std::min<int64_t>(sub, int64_t(s.attributes.rhythm.size())); ++t) {
            rh[i][t] = s.attributes.rhythm[size_t(t)];
            nd[i][t] = std::min(s.attributes.noteDensity[size_t(t)], config.noteDims - 1);
        }
        for (int k = 0; k < std::min<int>(24, int(s.key.size())); ++k)
            key[i][k] = s.key[size_t(k)];
        b.rhythmDensity[i] = s.attributes.rhythmDensity;
        b.noteDensity[i] = s.attributes.noteDensityMean;
    }
    b.eventsOneHot = oneHot(b.tokens, config.rollDims);
    b.rhythmOneHot = oneHot(b.rhythm, config.rhythmDims);
    b.notesOneHot = oneHot(b.notes, config.noteDims);
    return b;
}

sdk::NoteSequence SegmentCutter::window(const sdk::NoteSequence &notes, double start, double length)
{
    sdk::NoteSequence out;
    out.bpm = notes.bpm;
    out.ticksPerQuarter = notes.ticksPerQuarter;
    out.beatsPerBar = notes.beatsPerBar;
    out.duration = length;
    for (const auto &n : notes.notes) {
        if (n.start < start - 1e-9 || n.start >= start + length - 1e-9)
            continue;
        auto m = n;
        m.start -= start;
        m.duration = std::min(m.duration, length - m.start);
        out.notes.push_back(m);
    }
    std::sort(out.notes.begin(), out.notes.end(), [](const sdk::Note &a, const sdk::Note &b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return out;
}

sdk::NoteSequence SegmentCutter::scaledInTime(const sdk::NoteSequence &notes, double factor)
{
    sdk::NoteSequence out = notes;
    out.bpm = notes.bpm / factor;
    out.duration = notes.duration * factor;
    for (auto &n : out.notes) {
        n.start *= factor;
        n.duration *= factor;
    }
    return out;
}

std::vector<Segment> SegmentCutter::cut(const sdk::NoteSequence &input, bool keepAll, int maxTokens)
{
    const auto notes = scaledInTime(input, input.bpm / kReferenceBpm);
    double end = notes.duration;
    for (const auto &n : notes.notes)
        end = std::max(end, n.start + n.duration);
    const double length = segmentSeconds(notes.bpm);
    const toolkit::EventTokenizer tokenizer;
    std::vector<Segment> out;
    for (double start = 0.0; start < end - 1e-9; start += length) {
        const auto w = window(notes, start, length);
        Segment s;
        s.startSeconds = start;
        s.attributes = MusicAttributes::fromNotes(w);
        s.tokens = tokenizer.encode(w);
        const auto k = KeyVector::of(w);
        s.key.assign(k.begin(), k.end());
        const bool tooLong = int(s.tokens.size()) + 1 > maxTokens;
        const bool noOnset = s.attributes.rhythm.empty() || s.attributes.rhythm.front() != 1;
        if (!keepAll && (tooLong || noOnset))
            continue;
        if (tooLong)
            s.tokens.resize(size_t(maxTokens - 1));
        s.tokens.push_back(toolkit::EventTokenizer::kEos);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace mirstudio::fadernets
