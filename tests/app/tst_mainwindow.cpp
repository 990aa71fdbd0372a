// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mainwindow.h"
#include "core/session/session.h"
#include "widgets/tracklistview.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensTheDemoAndShowsItsTracks()
    {
        // GIVEN the window WHEN the demo session is opened
        MainWindow w;
        w.setInteractive(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)), qPrintable(w.lastError()));
        // THEN every track has a row with its name and kind, clips as child rows
        auto *list = w.trackList();
        QCOMPARE(list->topLevelItemCount(), 6);
        QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("Melody"));
        QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("MIDI"));
        QCOMPARE(list->topLevelItem(5)->text(1), QStringLiteral("Annotation"));
        QCOMPARE(list->topLevelItem(5)->childCount(), 8);
        QVERIFY(list->topLevelItem(1)->child(0)->text(4).contains(QStringLiteral("28 note")));
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("demo.mirstudio")));
    }

    void aBadFileIsReportedAndLosesNothing()
    {
        // GIVEN the demo open
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        // WHEN a corrupt session is opened
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.mirstudio"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"mirstudio-session\",\"version\":1,\"tracks\":[{\"kind\":42}]}");
        f.close();
        // THEN it fails with a message naming the file, and the open session is untouched
        QVERIFY(!w.openSession(bad));
        QVERIFY2(w.lastError().contains(QStringLiteral("broken.mirstudio")), qPrintable(w.lastError()));
        QCOMPARE(w.trackList()->topLevelItemCount(), 6);
        QCOMPARE(w.session()->filePath(), QStringLiteral(MIRSTUDIO_DEMO_SESSION));
    }

    void saveAsWritesALoadableCopy()
    {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.mirstudio"));
        QVERIFY2(w.saveSession(copy), qPrintable(w.lastError()));
        Session s;
        s.load(copy);
        QCOMPARE(s.trackCount(), 6);
        // media stay reachable from the new folder (paths are resolved, then re-relativised)
        QVERIFY(QFile::exists(s.mediaPool().sources().front()->path));
    }

    void screenshotCommandRendersTheWindow()
    {
        // WHEN `mirstudio --screenshot out.png` runs on the demo THEN a 1600x1000 image that is
        // not blank is written and the process exits 0
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        QProcess p;
        p.start(QStringLiteral(MIRSTUDIO_BINARY_DIR "/app/mirstudio"), {QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QImage img(png);
        QCOMPARE(img.size(), QSize(1600, 1000));
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
