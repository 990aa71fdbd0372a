// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentprojection.h"

#include <cmath>

namespace mirstudio::widgets {

namespace {

double dot(const std::vector<double> &a, const std::vector<double> &b)
{
    double s = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

/** Normalises `v` in place; false when it is (numerically) zero. */
bool normalise(std::vector<double> &v)
{
    const double n = std::sqrt(dot(v, v));
    if (n < 1e-12)
        return false;
    for (double &x : v)
        x /= n;
    return true;
}

/** Removes from `v` its components along the unit vectors `against`, then normalises it. */
bool orthonormalise(std::vector<double> &v, const std::vector<std::vector<double>> &against)
{
    for (const auto &u : against) {
        const double c = dot(v, u);
        for (size_t i = 0; i < v.size(); ++i)
            v[i] -= c * u[i];
    }
    return normalise(v);
}

/** The unit basis vector e_k of a D-dimensional space (e_0 when k is out of range). */
std::vector<double> basis(int dimensions, int k)
{
    std::vector<double> e(size_t(dimensions), 0.0);
    if (dimensions > 0)
        e[size_t(k >= 0 && k < dimensions ? k : 0)] = 1.0;
    return e;
}

/** Dominant eigenvector of the symmetric matrix `cov` orthogonal to `found` (power iteration). */
std::vector<double> dominant(const std::vector<std::vector<double>> &cov,
                             const std::vector<std::vector<double>> &found)
{
    const int d = int(cov.size());
    std::vector<double> v(size_t(d), 0.0);
    for (int i = 0; i < d; ++i)
        v[size_t(i)] = 1.0 + 0.1 * i; // not orthogonal to any generic eigenvector
    if (!orthonormalise(v, found)) {
        for (int k = 0; k < d; ++k) {
            v = basis(d, k);
            if (orthonormalise(v, found))
                break;
        }
    }
    for (int it = 0; it < 500; ++it) {
        std::vector<double> next(size_t(d), 0.0);
        for (int i = 0; i < d; ++i)
            next[size_t(i)] = dot(cov[size_t(i)], v);
        if (!orthonormalise(next, found))
            return v; // no variance left outside `found`: any orthonormal direction will do
        double change = 0.0;
        for (int i = 0; i < d; ++i)
            change += std::abs(std::abs(next[size_t(i)]) - std::abs(v[size_t(i)]));
        v = std::move(next);
        if (change < 1e-12)
            break;
    }
    // A fixed sign (largest component positive) keeps maps from flipping between fits.
    size_t big = 0;
    for (size_t i = 1; i < v.size(); ++i)
        if (std::abs(v[i]) > std::abs(v[big]))
            big = i;
    if (!v.empty() && v[big] < 0)
        for (double &x : v)
            x = -x;
    return v;
}

} // namespace

std::vector<double> LatentProjection::row(const sdk::Matrix &codes, int row)
{
    std::vector<double> r(size_t(codes.cols));
    for (int c = 0; c < codes.cols; ++c)
        r[size_t(c)] = codes.at(row, c);
    return r;
}

void LatentProjection::fitPca(const sdk::Matrix &codes)
{
    const int d = codes.cols;
    m_pca = true;
    m_mean.assign(size_t(d), 0.0);
    for (int r = 0; r < codes.rows; ++r)
        for (int c = 0; c < d; ++c)
            m_mean[size_t(c)] += codes.at(r, c) / double(codes.rows);
    std::vector<std::vector<double>> cov(size_t(d), std::vector<double>(size_t(d), 0.0));
    for (int r = 0; r < codes.rows; ++r)
        for (int i = 0; i < d; ++i)
            for (int j = 0; j < d; ++j)
                cov[size_t(i)][size_t(j)] += (codes.at(r, i) - m_mean[size_t(i)]) * (codes.at(r, j) - m_mean[size_t(j)]);
    std::vector<std::vector<double>> found;
    for (int k = 0; k < 2; ++k) {
        if (k >= d) {
            m_axes[k].assign(size_t(d), 0.0); // a 1-D space has no second axis
            continue;
        }
        m_axes[k] = dominant(cov, found);
        found.push_back(m_axes[k]);
    }
}

void LatentProjection::useDimensions(int dimensions, int dimX, int dimY)
{
    m_pca = false;
    m_mean.assign(size_t(dimensions), 0.0);
    m_axes[0] = basis(dimensions, dimX);
    m_axes[1] = dimY == dimX ? std::vector<double>(size_t(dimensions), 0.0) : basis(dimensions, dimY);
}

QPointF LatentProjection::project(const std::vector<double> &code) const
{
    std::vector<double> centred(m_mean.size(), 0.0);
    for (size_t i = 0; i < m_mean.size() && i < code.size(); ++i)
        centred[i] = code[i] - m_mean[i];
    return {dot(centred, m_axes[0]), dot(centred, m_axes[1])};
}

std::vector<double> LatentProjection::unproject(const QPointF &point, const std::vector<double> &base) const
{
    std::vector<double> code = base;
    code.resize(m_mean.size(), 0.0);
    const QPointF now = project(code);
    const double dx = point.x() - now.x();
    const double dy = point.y() - now.y();
    for (size_t i = 0; i < code.size(); ++i)
        code[i] += dx * m_axes[0][i] + dy * m_axes[1][i];
    return code;
}

} // namespace mirstudio::widgets
