// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/controllabilityevaluation.h"

#include "plugins/fadernets/controllabilitymetrics.h"

#include <random>
#include <stdexcept>

namespace mirstudio::fadernets {

double ControllabilityEvaluation::attributeStd(const std::vector<Segment> &segments, bool rhythm)
{
    std::vector<double> v;
    for (const auto &s : segments)
        v.push_back(rhythm ? s.attributes.rhythmDensity : s.attributes.noteDensityMean);
    return ControllabilityMetrics::populationStd(v);
}

FaderScores ControllabilityEvaluation::evaluate(FaderCodec &codec, Fader fader,
                                                const std::vector<Segment> &test, double rhythmStd,
                                                double noteStd, const Settings &settings)
{
    if (test.empty() || rhythmStd <= 0.0 || noteStd <= 0.0)
        throw std::invalid_argument("controllability needs test segments and positive stds");
    torch::manual_seed(settings.seed);
    const int64_t width = 2 * int64_t(codec.zDims());
    const auto codes = codec.encode(test, torch::randn({int64_t(test.size()), width}));
    const auto dim = codes.select(1, codec.column(fader));
    const auto values = ControllabilityMetrics::faderValues(dim.min().item<double>(),
                                                            dim.max().item<double>(), settings.values);
    std::mt19937_64 rng(settings.seed);
    std::uniform_int_distribution<size_t> pick(0, test.size() - 1);
    ControllabilityMetrics::Table controlled, other;
    const double length = SegmentCutter::segmentSeconds(settings.bpm);
    for (int s = 0; s < settings.samples; ++s) {
        const auto code = codes[int64_t(pick(rng))].unsqueeze(0);
        std::vector<torch::Tensor> shifted;
        for (double v : values)
            shifted.push_back(codec.withFader(code, fader, v));
        auto notes = codec.decodeNotes(torch::cat(shifted, 0), settings.bpm);
        std::vector<double> rd, nd;
        for (size_t k = 0; k < values.size(); ++k) {
            const auto w = SegmentCutter::window(notes, double(k) * length, length);
            const auto a = MusicAttributes::fromNotes(w);
            rd.push_back(a.rhythmDensity / rhythmStd);
            nd.push_back(a.noteDensityMean / noteStd);
        }
        const bool rhythm = fader == Fader::RhythmDensity;
        controlled.push_back(rhythm ? rd : nd);
        other.push_back(rhythm ? nd : rd);
    }
    return {ControllabilityMetrics::consistency(controlled),
            ControllabilityMetrics::restrictiveness(other),
            ControllabilityMetrics::linearity(controlled, values)};
}

} // namespace mirstudio::fadernets
