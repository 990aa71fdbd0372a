// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/disentanglement.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace mirstudio::toolkit {

namespace {

// Relabels values to 0..n-1 (np.unique order); returns n.
int64_t denseLabels(const torch::Tensor &values, std::vector<int64_t> &labels)
{
    const auto v = values.to(torch::kLong).contiguous();
    const auto *p = v.data_ptr<int64_t>();
    std::map<int64_t, int64_t> ids;
    for (int64_t i = 0; i < v.numel(); ++i)
        ids.emplace(p[i], 0);
    int64_t next = 0;
    for (auto &kv : ids)
        kv.second = next++;
    labels.resize(size_t(v.numel()));
    for (int64_t i = 0; i < v.numel(); ++i)
        labels[size_t(i)] = ids[p[i]];
    return next;
}

// One-vs-rest binary problem in 1-D: minimise 0.5 (w² + b²) + C Σ c_i max(0, 1 − y_i (w x_i + b))²
// by Newton steps with the generalised Hessian (liblinear's primal L2-loss SVC, bias as a feature).
std::pair<double, double> fitBinary(const std::vector<double> &x, const std::vector<int> &y,
                                    const std::vector<double> &weight, double c)
{
    double w = 0.0, b = 0.0;
    for (int iter = 0; iter < 50; ++iter) {
        double gw = w, gb = b, hww = 1.0, hwb = 0.0, hbb = 1.0;
        for (size_t i = 0; i < x.size(); ++i) {
            const double margin = 1.0 - y[i] * (w * x[i] + b);
            if (margin <= 0.0)
                continue;
            const double k = 2.0 * c * weight[i];
            gw -= k * margin * y[i] * x[i];
            gb -= k * margin * y[i];
            hww += k * x[i] * x[i];
            hwb += k * x[i];
            hbb += k;
        }
        const double det = hww * hbb - hwb * hwb;
        const double dw = (hbb * gw - hwb * gb) / det;
        const double db = (hww * gb - hwb * gw) / det;
        w -= dw;
        b -= db;
        if (std::abs(dw) + std::abs(db) < 1e-10)
            break;
    }
    return {w, b};
}

double svcAccuracy(const std::vector<double> &x, const std::vector<int64_t> &label, int64_t classes, size_t train,
                   double c)
{
    std::vector<double> count(size_t(classes), 0.0);
    for (size_t i = 0; i < train; ++i)
        count[size_t(label[i])] += 1.0;
    std::vector<double> trainX(x.begin(), x.begin() + long(train)), weight(train);
    std::vector<std::pair<double, double>> models;
    std::vector<int64_t> present;
    for (int64_t k = 0; k < classes; ++k)
        if (count[size_t(k)] > 0)
            present.push_back(k);
    for (size_t i = 0; i < train; ++i)
        weight[i] = double(train) / (double(present.size()) * count[size_t(label[i])]);
    if (present.size() == 2) { // binary: one model, positive = the larger label
        std::vector<int> y(train);
        for (size_t i = 0; i < train; ++i)
            y[i] = label[i] == present[1] ? 1 : -1;
        models.push_back(fitBinary(trainX, y, weight, c));
    } else {
        for (const int64_t k : present) {
            std::vector<int> y(train);
            for (size_t i = 0; i < train; ++i)
                y[i] = label[i] == k ? 1 : -1;
            models.push_back(fitBinary(trainX, y, weight, c));
        }
    }
    size_t correct = 0;
    for (size_t i = train; i < x.size(); ++i) {
        int64_t predicted = present.empty() ? 0 : present[0];
        if (present.size() == 2) {
            predicted = models[0].first * x[i] + models[0].second > 0 ? present[1] : present[0];
        } else if (present.size() > 2) {
            double best = -1e300;
            for (size_t m = 0; m < models.size(); ++m) {
                const double s = models[m].first * x[i] + models[m].second;
                if (s > best) {
                    best = s;
                    predicted = present[m];
                }
            }
        }
        correct += predicted == label[i] ? 1 : 0;
    }
    return x.size() > train ? double(correct) / double(x.size() - train) : 0.0;
}

// Top-1 minus top-2 of each column of a (rows, cols) matrix.
std::vector<double> topGap(const torch::Tensor &m)
{
    const auto sorted = std::get<0>(m.sort(0, true));
    std::vector<double> gap;
    for (int64_t k = 0; k < m.size(1); ++k)
        gap.push_back(sorted[0][k].item<double>() - (m.size(0) > 1 ? sorted[1][k].item<double>() : 0.0));
    return gap;
}

} // namespace

torch::Tensor Disentanglement::discretise(const torch::Tensor &codes, int bins)
{
    const auto z = codes.to(torch::kDouble).contiguous();
    auto out = torch::empty(z.sizes(), torch::kLong);
    for (int64_t d = 0; d < z.size(1); ++d) {
        const auto col = z.select(1, d);
        double lo = col.min().item<double>(), hi = col.max().item<double>();
        if (lo == hi) { // numpy.histogram widens an empty range by ±0.5
            lo -= 0.5;
            hi += 0.5;
        }
        // digitize(x, edges[:-1]): index of the last left edge <= x, 1-based.
        const auto idx = ((col - lo) / (hi - lo) * bins).floor().clamp(0, bins - 1) + 1;
        out.select(1, d).copy_(idx.to(torch::kLong));
    }
    return out;
}

double Disentanglement::mutualInformation(const torch::Tensor &a, const torch::Tensor &b)
{
    std::vector<int64_t> la, lb;
    const int64_t na = denseLabels(a, la), nb = denseLabels(b, lb);
    const double n = double(la.size());
    std::vector<double> joint(size_t(na * nb), 0.0), pa(size_t(na), 0.0), pb(size_t(nb), 0.0);
    for (size_t i = 0; i < la.size(); ++i) {
        joint[size_t(la[i] * nb + lb[i])] += 1.0;
        pa[size_t(la[i])] += 1.0;
        pb[size_t(lb[i])] += 1.0;
    }
    double mi = 0.0;
    for (int64_t i = 0; i < na; ++i)
        for (int64_t j = 0; j < nb; ++j) {
            const double nij = joint[size_t(i * nb + j)];
            if (nij > 0)
                mi += nij / n * std::log(nij * n / (pa[size_t(i)] * pb[size_t(j)]));
        }
    return std::max(0.0, mi);
}

torch::Tensor Disentanglement::mutualInformationMatrix(const torch::Tensor &discreteCodes, const torch::Tensor &factors)
{
    auto m = torch::zeros({discreteCodes.size(1), factors.size(1)}, torch::kDouble);
    for (int64_t i = 0; i < discreteCodes.size(1); ++i)
        for (int64_t k = 0; k < factors.size(1); ++k)
            m[i][k] = mutualInformation(discreteCodes.select(1, i), factors.select(1, k));
    return m;
}

MigResult Disentanglement::mig(const torch::Tensor &codes, const torch::Tensor &factors, int bins)
{
    const auto m = mutualInformationMatrix(discretise(codes, bins), factors);
    const auto gap = topGap(m);
    MigResult r;
    for (int64_t k = 0; k < factors.size(1); ++k) {
        const auto f = factors.select(1, k);
        const double h = mutualInformation(f, f);
        r.perFactor.push_back(h > 0 ? gap[size_t(k)] / h : 0.0);
    }
    for (const double v : r.perFactor)
        r.mig += v / double(r.perFactor.size());
    return r;
}

double Disentanglement::modularity(const torch::Tensor &codes, const torch::Tensor &factors, int bins)
{
    const auto m2 = mutualInformationMatrix(discretise(codes, bins), factors).pow(2);
    const auto theta = std::get<0>(m2.max(1));
    const int64_t k = factors.size(1);
    double total = 0.0;
    for (int64_t i = 0; i < m2.size(0); ++i) {
        const double t = theta[i].item<double>();
        if (t <= 0.0 || k < 2)
            continue;
        const double delta = (m2[i].sum().item<double>() - t) / (t * double(k - 1));
        total += 1.0 - delta;
    }
    return total / double(m2.size(0));
}

double Disentanglement::sap(const torch::Tensor &codes, const torch::Tensor &factors, double trainFraction, double c)
{
    const auto z = codes.to(torch::kDouble).contiguous();
    const size_t n = size_t(z.size(0));
    const size_t train = size_t(std::floor(double(n) * trainFraction));
    auto scores = torch::zeros({z.size(1), factors.size(1)}, torch::kDouble);
    for (int64_t k = 0; k < factors.size(1); ++k) {
        std::vector<int64_t> label;
        const int64_t classes = denseLabels(factors.select(1, k), label);
        for (int64_t d = 0; d < z.size(1); ++d) {
            const auto col = z.select(1, d).contiguous();
            const std::vector<double> x(col.data_ptr<double>(), col.data_ptr<double>() + n);
            scores[d][k] = svcAccuracy(x, label, classes, train, c);
        }
    }
    const auto gap = topGap(scores);
    double sap = 0.0;
    for (const double g : gap)
        sap += g / double(gap.size());
    return sap;
}

double Disentanglement::reconstructionAccuracy(const torch::Tensor &scores, const torch::Tensor &targets)
{
    return scores.argmax(-1).eq(targets.to(torch::kLong)).to(torch::kDouble).mean().item<double>();
}

} // namespace mirstudio::toolkit
