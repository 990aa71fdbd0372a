// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentprojection.h"

#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

sdk::Matrix matrix(const std::vector<std::vector<double>> &rows)
{
    sdk::Matrix m;
    m.rows = int(rows.size());
    m.cols = int(rows.front().size());
    for (const auto &r : rows)
        for (double v : r)
            m.data.push_back(float(v));
    return m;
}

} // namespace

class TstLatentProjection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pcaFindsTheDirectionsOfMostVariance()
    {
        // GIVEN 3-D codes spread 10 along (1,1,0)/√2, 1 along z, nothing along (1,-1,0)
        std::vector<std::vector<double>> rows;
        for (int i = -2; i <= 2; ++i)
            for (int k : {-1, 1})
                rows.push_back({5.0 + 10.0 * i / std::sqrt(2.0), 5.0 + 10.0 * i / std::sqrt(2.0), 1.0 * k});
        LatentProjection p;
        p.fitPca(matrix(rows));
        // THEN the mean is (5,5,0), axis 1 is (1,1,0)/√2 (sign: largest component positive), axis 2 is z
        QCOMPARE(p.mean()[0], 5.0);
        QVERIFY(std::abs(p.axis(0)[0] - 1.0 / std::sqrt(2.0)) < 1e-6);
        QVERIFY(std::abs(p.axis(0)[1] - 1.0 / std::sqrt(2.0)) < 1e-6);
        QVERIFY(std::abs(p.axis(0)[2]) < 1e-6);
        QVERIFY(std::abs(std::abs(p.axis(1)[2]) - 1.0) < 1e-6);
        // AND a code projects onto its coordinates along those axes
        const QPointF q = p.project({5.0 + 20.0 / std::sqrt(2.0), 5.0 + 20.0 / std::sqrt(2.0), 1.0});
        QVERIFY(std::abs(q.x() - 20.0) < 1e-6);
        QVERIFY(std::abs(std::abs(q.y()) - 1.0) < 1e-6);
    }

    void unprojectMovesOnlyWithinThePlane()
    {
        // GIVEN the plane of dimensions 1 and 3 of a 4-D space
        LatentProjection p;
        p.useDimensions(4, 1, 3);
        const std::vector<double> base{7.0, 1.0, -2.0, 3.0};
        // WHEN a base code is moved to (10, 20)
        const std::vector<double> moved = p.unproject(QPointF(10.0, 20.0), base);
        // THEN dimensions 1 and 3 take the point's values and the others keep the base's
        QCOMPARE(moved, (std::vector<double>{7.0, 10.0, -2.0, 20.0}));
        QCOMPARE(p.project(moved), QPointF(10.0, 20.0));
    }

    void pcaRoundTripsThroughThePlane()
    {
        // GIVEN a PCA fit of random-ish 5-D codes
        std::vector<std::vector<double>> rows;
        for (int i = 0; i < 20; ++i)
            rows.push_back({std::sin(i * 1.3), std::cos(i * 0.7) * 3, i * 0.1, std::sin(i * 0.2) * 2, 0.5});
        LatentProjection p;
        p.fitPca(matrix(rows));
        // THEN its axes are orthonormal and unproject → project is the identity on the plane
        double dot = 0, n0 = 0, n1 = 0;
        for (int d = 0; d < 5; ++d) {
            dot += p.axis(0)[size_t(d)] * p.axis(1)[size_t(d)];
            n0 += p.axis(0)[size_t(d)] * p.axis(0)[size_t(d)];
            n1 += p.axis(1)[size_t(d)] * p.axis(1)[size_t(d)];
        }
        QVERIFY(std::abs(dot) < 1e-6);
        QVERIFY(std::abs(n0 - 1.0) < 1e-9 && std::abs(n1 - 1.0) < 1e-9);
        const QPointF target(1.5, -0.75);
        const QPointF back = p.project(p.unproject(target, rows[3]));
        QVERIFY(std::abs(back.x() - target.x()) < 1e-9 && std::abs(back.y() - target.y()) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TstLatentProjection)
#include "tst_latentprojection.moc"
