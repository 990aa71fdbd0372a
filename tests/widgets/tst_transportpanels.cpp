// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/enginestatus.h"
#include "widgets/jobpanel.h"
#include "widgets/levelmeter.h"
#include "widgets/transportbar.h"

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace mirstudio::widgets;

class TstTransportPanels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void transportShowsPositionAndAsks()
    {
        // GIVEN a transport bar
        TransportBar bar;
        QSignalSpy play(&bar, &TransportBar::playToggled);
        QSignalSpy stop(&bar, &TransportBar::stopClicked);
        QSignalSpy loop(&bar, &TransportBar::loopToggled);
        // WHEN its buttons are clicked THEN it asks, it does not act
        bar.playButton()->click();
        bar.stopButton()->click();
        bar.loopButton()->click();
        QCOMPARE(play.count(), 1);
        QCOMPARE(stop.count(), 1);
        QCOMPARE(loop.count(), 1);
        QCOMPARE(loop.front().front().toBool(), true);
        // AND setLooping from the session does not echo a request
        bar.setLooping(false);
        QCOMPARE(loop.count(), 1);
        // WHEN a position is set THEN bars|beats and clock time are shown
        bar.setPosition(QStringLiteral("12|3|480"), 3725.5);
        QCOMPARE(bar.positionText(), QStringLiteral("12|3|480 1:02:05.500"));
        QCOMPARE(TransportBar::clockText(65.0424), QStringLiteral("01:05.042"));
    }

    void meterFallsAndHoldsClips()
    {
        // GIVEN a meter fed a full-scale peak
        LevelMeter m;
        m.setPeak(1.0f);
        QCOMPARE(m.levelDb(), 0.0);
        QVERIFY(m.clipped());
        // WHEN fed silence THEN the bar falls gradually, the clip mark stays until clicked
        m.setPeak(0.0f);
        QVERIFY(m.levelDb() < 0.0 && m.levelDb() > -2.0);
        for (int i = 0; i < 200; ++i)
            m.setPeak(0.0f);
        QVERIFY(m.levelDb() < -60.0);
        QVERIFY(m.clipped());
        QTest::mouseClick(&m, Qt::LeftButton);
        QVERIFY(!m.clipped());
    }

    void jobPanelTracksJobsAndCancels()
    {
        // GIVEN a panel with two jobs
        JobPanel panel;
        QSignalSpy cancel(&panel, &JobPanel::cancelRequested);
        panel.addJob(7, QStringLiteral("Separate stems"));
        panel.addJob(8, QStringLiteral("Transcribe"));
        QCOMPARE(panel.jobCount(), 2);
        // WHEN progress arrives THEN the bar and status follow
        panel.setProgress(7, 0.42, QStringLiteral("chunk 3/7"));
        QCOMPARE(panel.progressPercent(7), 42);
        QCOMPARE(panel.statusText(7), QStringLiteral("chunk 3/7"));
        // WHEN cancel is clicked THEN the job id is asked to cancel
        panel.cancelButton(8)->click();
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(cancel.front().front().toInt(), 8);
        // WHEN jobs finish THEN their rows stay (cancel disabled) until cleared
        panel.setFinished(7, QStringLiteral("done"), true);
        panel.setFinished(8, QStringLiteral("cancelled"), false);
        QCOMPARE(panel.progressPercent(7), 100);
        QVERIFY(!panel.cancelButton(7)->isEnabled());
        panel.setProgress(7, 0.1); // late progress is ignored
        QCOMPARE(panel.progressPercent(7), 100);
        panel.clearFinished();
        QCOMPARE(panel.jobCount(), 0);
    }

    void engineStatusSaysWhenThereIsNoDevice()
    {
        EngineStatus s;
        QCOMPARE(s.deviceText(), QStringLiteral("No audio device"));
        s.setDevice(true, QStringLiteral("system (JACK), 48000 Hz, 128 frames"));
        QCOMPARE(s.deviceText(), QStringLiteral("system (JACK), 48000 Hz, 128 frames"));
        s.setXruns(3);
        QCOMPARE(s.xrunText(), QStringLiteral("xruns: 3"));
        s.setCpuPercent(12.4);
        QCOMPARE(s.cpuText(), QStringLiteral("CPU 12 %"));
    }
};

QTEST_MAIN(TstTransportPanels)
#include "tst_transportpanels.moc"
