// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/fadercodec.h"

#include <cstdint>
#include <vector>

namespace mirstudio::fadernets {

/** Consistency, restrictiveness and linearity of one fader. */
struct FaderScores
{
    double consistency = 0.0;
    double restrictiveness = 0.0;
    double linearity = 0.0;
};

/**
 * The official controllability experiment (test_class.py `BaseEvaluator.evaluate`, one epoch):
 * for each of `samples` random test segments, sample its code, set the fader's dimension to 8
 * values from the test set's minimum to maximum of that (sampled) dimension, decode greedily,
 * measure rhythm and note density of the decoded notes and divide them by the training set's
 * standard deviations; then ControllabilityMetrics. Deterministic for a seed. Not thread-safe.
 */
class ControllabilityEvaluation
{
public:
    struct Settings
    {
        int samples = 20;
        int values = 8;
        std::uint64_t seed = 0;
        double bpm = 120.0;     ///< tempo the decoded segments are placed and measured at
    };

    static FaderScores evaluate(FaderCodec &codec, Fader fader, const std::vector<Segment> &test,
                                double rhythmStd, double noteStd, const Settings &settings);
    /** Population std of rhythm density (`rhythm` true) or note density over `segments`. */
    static double attributeStd(const std::vector<Segment> &segments, bool rhythm);
};

} // namespace mirstudio::fadernets
