// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <vector>

namespace mirstudio::fadernets {

/**
 * The paper's controllability metrics as the official `test_class.py` computes them.
 *
 * An experiment takes S source segments, sets the regularised latent dimension to V evenly
 * spaced fader values and measures the attributes of each decoded segment. `controlled[s][v]`
 * holds the attribute the fader drives, `other[s][v]` the other attribute, each already divided
 * by that attribute's standard deviation over the training set.
 *
 * - consistency = 1 - mean over v of the std over s of controlled[s][v];
 * - restrictiveness = 1 - mean over s of the std over v of other[s][v];
 * - linearity = mean over s of the R² of a least-squares line of controlled[s][·] on the
 *   fader values (sklearn's score: a flat row is fitted exactly and scores 1).
 * Standard deviations are population ones (numpy's default). Pure functions, thread-safe.
 */
class ControllabilityMetrics
{
public:
    using Table = std::vector<std::vector<double>>;

    static double consistency(const Table &controlled);
    static double restrictiveness(const Table &other);
    static double linearity(const Table &controlled, const std::vector<double> &faderValues);
    /** R² of the least-squares line y = a x + b (sklearn's score; 1 when y is fit exactly). */
    static double rSquared(const std::vector<double> &x, const std::vector<double> &y);
    /** The official fader values: min + k (max - min) / count, k = 0..count-1. */
    static std::vector<double> faderValues(double minValue, double maxValue, int count = 8);
    /** Population standard deviation. */
    static double populationStd(const std::vector<double> &values);
};

} // namespace mirstudio::fadernets
