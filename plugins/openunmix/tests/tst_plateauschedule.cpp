// SPDX-License-Identifier: GPL-3.0-or-later
// PlateauSchedule: the factor drops after `patience` validations without improvement, then waits
// `cooldown` validations, as torch.optim.lr_scheduler.ReduceLROnPlateau(mode="min").
#include "plugins/openunmix/plateauschedule.h"

#include <QTest>

#include <stdexcept>

using mirstudio::openunmix::PlateauSchedule;

class TestPlateauSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void improvingKeepsTheRate()
    {
        // GIVEN factor 0.3, patience 2
        PlateauSchedule s(0.3, 2, 0);
        // WHEN every value improves
        for (double v : {5.0, 4.0, 3.0, 2.0, 1.0})
            QCOMPARE(s.observe(v), 1.0);
        // THEN the best value is tracked and the factor stays 1
        QCOMPARE(s.best(), 1.0);
    }

    void plateauReducesAfterPatienceThenCoolsDown()
    {
        // GIVEN factor 0.3, patience 2, cooldown 1
        PlateauSchedule s(0.3, 2, 1);
        QCOMPARE(s.observe(1.0), 1.0);
        // WHEN the value stays flat: bad epochs 1, 2 keep the rate, the 3rd reduces it
        QCOMPARE(s.observe(1.0), 1.0);
        QCOMPARE(s.observe(1.0), 1.0);
        QCOMPARE(s.observe(1.0), 0.3);
        // THEN one cooldown validation is ignored, and three more bad ones reduce again
        QCOMPARE(s.observe(1.0), 0.3);
        QCOMPARE(s.observe(1.0), 0.3);
        QCOMPARE(s.observe(1.0), 0.3);
        QVERIFY(qAbs(s.observe(1.0) - 0.09) < 1e-12);
        // AND a tiny relative improvement (< 1e-4) does not count as one
        PlateauSchedule t(0.5, 0, 0);
        t.observe(1.0);
        QCOMPARE(t.observe(1.0 - 1e-6), 0.5);
    }

    void rejectsBadSettings()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PlateauSchedule(1.5, 1, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PlateauSchedule(0.3, -1, 0));
    }
};

QTEST_GUILESS_MAIN(TestPlateauSchedule)
#include "tst_plateauschedule.moc"
