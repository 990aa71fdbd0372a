// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/spscqueue.h"

#include <QTest>

#include <cstdint>
#include <thread>

using namespace mirstudio;

class TestSpscQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capacityAndFullQueueRejects()
    {
        // GIVEN a queue of capacity 4
        SpscQueue<int> q(4);
        QCOMPARE(q.capacity(), std::size_t(4));
        // WHEN 5 items are pushed
        for (int i = 0; i < 4; ++i)
            QVERIFY(q.push(i));
        // THEN the fifth is rejected and the queue is unchanged
        QVERIFY(!q.push(99));
        QCOMPARE(q.sizeApprox(), std::size_t(4));
        int v = -1;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(q.pop(v));
            QCOMPARE(v, i);
        }
        // AND an empty queue pops nothing and leaves the target alone
        v = 42;
        QVERIFY(!q.pop(v));
        QCOMPARE(v, 42);
        QCOMPARE(q.sizeApprox(), std::size_t(0));
    }

    void wrapsAroundInOrder()
    {
        // GIVEN a queue of capacity 3 WHEN items go through it many times its size, 2 at a time
        SpscQueue<int> q(3);
        int next = 0, expect = 0;
        for (int round = 0; round < 100; ++round) {
            QVERIFY(q.push(next++));
            QVERIFY(q.push(next++));
            int v = 0;
            QVERIFY(q.pop(v));
            QCOMPARE(v, expect++);
            QVERIFY(q.pop(v));
            QCOMPARE(v, expect++);
        }
        // THEN every item came out once, in order
        QCOMPARE(expect, 200);
        QCOMPARE(q.sizeApprox(), std::size_t(0));
    }

    void twoThreadStress()
    {
        // GIVEN a small queue, a producer thread pushing 1e6 numbered items (retrying when full)
        struct Item
        {
            std::uint64_t n;
            std::uint64_t check;
        };
        SpscQueue<Item> q(64);
        constexpr std::uint64_t kCount = 1000000;
        std::thread producer([&] {
            for (std::uint64_t i = 0; i < kCount; ++i)
                while (!q.push({i, i * 2654435761u}))
                    std::this_thread::yield();
        });
        // WHEN this thread consumes them
        std::uint64_t expect = 0, bad = 0;
        while (expect < kCount) {
            Item it{};
            if (!q.pop(it)) {
                std::this_thread::yield();
                continue;
            }
            if (it.n != expect || it.check != it.n * 2654435761u)
                ++bad;
            ++expect;
        }
        producer.join();
        // THEN every item arrived intact, once and in order
        QCOMPARE(bad, std::uint64_t(0));
        QCOMPARE(expect, kCount);
        Item left{};
        QVERIFY(!q.pop(left));
    }
};

QTEST_GUILESS_MAIN(TestSpscQueue)
#include "tst_engine_spscqueue.moc"
