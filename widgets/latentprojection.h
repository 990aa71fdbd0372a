// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QPointF>

#include <vector>

namespace mirstudio::widgets {

/**
 * A linear 2-D view of a D-dimensional latent space: either the first two principal components
 * of a set of codes (fitPca, computed here by power iteration on the covariance) or two chosen
 * dimensions (useDimensions). project() maps a code to the plane; unproject() moves a base code
 * so that it lands on a point of the plane, changing it only along the two (orthonormal) axes,
 * so the other directions keep the base code's values. A plain value; any thread.
 */
class LatentProjection
{
public:
    /** Principal components of the rows of `codes` (N x D, N >= 1). */
    void fitPca(const sdk::Matrix &codes);
    /** Axis x = dimension `dimX`, axis y = dimension `dimY` of a D-dimensional space. */
    void useDimensions(int dimensions, int dimX, int dimY);

    int dimensions() const { return int(m_mean.size()); }
    bool isPca() const { return m_pca; }
    const std::vector<double> &mean() const { return m_mean; }
    /** The unit axis vector of plane axis 0 (x) or 1 (y). */
    const std::vector<double> &axis(int which) const { return m_axes[which & 1]; }

    QPointF project(const std::vector<double> &code) const;
    /** `base` moved within the plane so that project(result) == point. */
    std::vector<double> unproject(const QPointF &point, const std::vector<double> &base) const;

    /** Row `row` of `codes` as doubles. */
    static std::vector<double> row(const sdk::Matrix &codes, int row);

private:
    std::vector<double> m_mean;
    std::vector<double> m_axes[2];
    bool m_pca = false;
};

} // namespace mirstudio::widgets
