// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/controllabilitymetrics.h"

#include <cmath>
#include <numeric>

namespace mirstudio::fadernets {

double ControllabilityMetrics::populationStd(const std::vector<double> &values)
{
    if (values.empty())
        return 0.0;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    double sq = 0.0;
    for (double v : values)
        sq += (v - mean) * (v - mean);
    return std::sqrt(sq / double(values.size()));
}

double ControllabilityMetrics::consistency(const Table &controlled)
{
    if (controlled.empty() || controlled.front().empty())
        return 0.0;
    const size_t values = controlled.front().size();
    double sum = 0.0;
    for (size_t v = 0; v < values; ++v) {
        std::vector<double> column;
        for (const auto &row : controlled)
            column.push_back(row.at(v));
        sum += populationStd(column);
    }
    return 1.0 - sum / double(values);
}

double ControllabilityMetrics::restrictiveness(const Table &other)
{
    if (other.empty())
        return 0.0;
    double sum = 0.0;
    for (const auto &row : other)
        sum += populationStd(row);
    return 1.0 - sum / double(other.size());
}

double ControllabilityMetrics::rSquared(const std::vector<double> &x, const std::vector<double> &y)
{
    const double n = double(x.size());
    if (x.size() != y.size() || x.empty())
        return 0.0;
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (syy == 0.0)
        return 1.0; // sklearn's r2_score: a constant target fitted exactly scores 1
    if (sxx == 0.0)
        return 0.0; // the line is the mean: no variance explained
    return (sxy * sxy) / (sxx * syy);
}

double ControllabilityMetrics::linearity(const Table &controlled, const std::vector<double> &faderValues)
{
    if (controlled.empty())
        return 0.0;
    double sum = 0.0;
    for (const auto &row : controlled)
        sum += rSquared(faderValues, row);
    return sum / double(controlled.size());
}

std::vector<double> ControllabilityMetrics::faderValues(double minValue, double maxValue, int count)
{
    std::vector<double> out;
    const double gap = (maxValue - minValue) / double(count);
    for (int k = 0; k < count; ++k)
        out.push_back(minValue + k * gap);
    return out;
}

} // namespace mirstudio::fadernets
