// SPDX-License-Identifier: GPL-3.0-or-later
// The SDK's RecordingJobContext: what it records, its cancel rules, its history limit, and a
// cancel() from another thread while the job thread reports.
#include "plugins/sdk/recordingjobcontext.h"

#include <QTest>

#include <thread>

using namespace mirstudio::sdk;

class TestRecordingJobContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsEverything()
    {
        // GIVEN a fresh context with a model folder and 3 threads
        RecordingJobContext ctx(QStringLiteral("/models/x"), 3);
        QCOMPARE(ctx.modelFolder(), QStringLiteral("/models/x"));
        QCOMPARE(ctx.threads(), 3);
        QCOMPARE(ctx.reports().lastProgress, -1.0);
        QCOMPARE(ctx.reports().lastFramesReady, int64_t(-1));
        // WHEN a method reports progress, a partial stem set, an audio partial and a log line
        ctx.setProgress(0.25, QStringLiteral("chunk 1/4"));
        ctx.setProgress(0.5);
        ctx.publishPartial(QStringLiteral("stems"), StemSet{}, 1000);
        ctx.publishPartial(QStringLiteral("audio"), AudioBuffer{}, 2000);
        ctx.log(QStringLiteral("hello"));
        // THEN all of it is recorded in order, and nothing cancelled
        const RecordedReports r = ctx.reports();
        QCOMPARE(r.progressCount, 2);
        QCOMPARE(r.lastProgress, 0.5);
        QCOMPARE(r.lastStatus, QString());
        QCOMPARE(r.progress.size(), 2);
        QCOMPARE(r.progress[0].fraction, 0.25);
        QCOMPARE(r.progress[0].status, QStringLiteral("chunk 1/4"));
        QCOMPARE(r.partialCount, 2);
        QCOMPARE(r.lastFramesReady, int64_t(2000));
        QCOMPARE(r.partials[0].outputId, QStringLiteral("stems"));
        QCOMPARE(r.partials[0].kind, ValueKind::Stems);
        QCOMPARE(r.partials[0].framesReady, int64_t(1000));
        QCOMPARE(r.partials[1].kind, ValueKind::Audio);
        QCOMPARE(r.log, QStringList{QStringLiteral("hello")});
        QVERIFY(!ctx.isCancelled());
    }

    void cancelAfterReports()
    {
        // GIVEN a context that cancels after 3 reports
        RecordingJobContext ctx;
        ctx.cancelAfterReports(3);
        // WHEN reports come THEN it is cancelled from the third on
        ctx.setProgress(0.1);
        ctx.setProgress(0.2);
        QVERIFY(!ctx.isCancelled());
        ctx.setProgress(0.3);
        QVERIFY(ctx.isCancelled());
        // AND a rule of 0 reports cancels at once
        RecordingJobContext now;
        now.cancelAfterReports(0);
        QVERIFY(now.isCancelled());
    }

    void cancelAtProgress()
    {
        // GIVEN a context that cancels at 50 %
        RecordingJobContext ctx;
        ctx.cancelAtProgress(0.5);
        // WHEN 49 % then 50 % are reported THEN only the second cancels
        ctx.setProgress(0.49);
        QVERIFY(!ctx.isCancelled());
        ctx.setProgress(0.5);
        QVERIFY(ctx.isCancelled());
    }

    void cancelAfterMs()
    {
        // GIVEN a context that cancels 50 ms after construction
        RecordingJobContext ctx;
        ctx.cancelAfterMs(50);
        QVERIFY(!ctx.isCancelled());
        // WHEN the time has passed THEN it is cancelled
        QTRY_VERIFY_WITH_TIMEOUT(ctx.isCancelled(), 2000);
        QVERIFY(ctx.elapsedMs() >= 50);
    }

    void historyLimitKeepsTheNewest()
    {
        // GIVEN 10 reports and log lines
        RecordingJobContext ctx;
        for (int i = 0; i < 10; ++i) {
            ctx.setProgress(i / 10.0);
            ctx.log(QString::number(i));
        }
        // WHEN the history is limited to 3 and one more report comes
        ctx.setHistoryLimit(3);
        ctx.setProgress(1.0);
        // THEN the lists hold the newest 3, while the counts and last values are complete
        const RecordedReports r = ctx.reports();
        QCOMPARE(r.progress.size(), 3);
        QCOMPARE(r.progress.front().fraction, 0.8);
        QCOMPARE(r.progress.back().fraction, 1.0);
        QCOMPARE(r.log, (QStringList{QStringLiteral("7"), QStringLiteral("8"), QStringLiteral("9")}));
        QCOMPARE(r.progressCount, 11);
        QCOMPARE(r.lastProgress, 1.0);
    }

    void cancelFromAnotherThread()
    {
        // GIVEN a job thread that reports until it sees the cancel flag (history bounded to 100)
        RecordingJobContext ctx;
        ctx.setHistoryLimit(100);
        std::thread job([&ctx] {
            int i = 0;
            while (!ctx.isCancelled())
                ctx.setProgress(double(++i % 100) / 100.0);
        });
        // WHEN another thread reads the records and then cancels
        QTRY_VERIFY_WITH_TIMEOUT(ctx.reports().progressCount > 100, 5000);
        ctx.cancel();
        job.join();
        // THEN the job stopped; every report was counted and the newest 100 kept
        QVERIFY(ctx.isCancelled());
        const RecordedReports r = ctx.reports();
        QVERIFY(r.progressCount > 100);
        QCOMPARE(r.progress.size(), 100);
        QCOMPARE(r.progress.back().fraction, r.lastProgress);
    }
};

QTEST_GUILESS_MAIN(TestRecordingJobContext)
#include "tst_recordingjobcontext.moc"
