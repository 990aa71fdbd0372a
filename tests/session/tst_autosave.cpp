// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave: the timer writes only when there is unsaved work, recovery finds and restores it,
// a clean save removes it.
#include "core/session/addtrackcommand.h"
#include "core/session/autosaver.h"
#include "core/session/renamesessioncommand.h"
#include "core/session/session.h"
#include "core/session/sessionjson.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;

class TestAutosave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timerWritesOnlyWhenDirty()
    {
        // GIVEN a saved session and an autosaver with a short interval
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        Session session;
        session.save(path);
        Autosaver autosaver(&session);
        QCOMPARE(autosaver.interval(), 60'000); // the default
        autosaver.setInterval(30);
        QSignalSpy autosaved(&autosaver, &Autosaver::autosaved);
        const QString autosavePath = Autosaver::autosavePath(path);
        QCOMPARE(autosavePath, QFileInfo(path).absoluteFilePath() + QStringLiteral(".autosave.json"));

        // WHEN nothing changed THEN no autosave is written
        QTest::qWait(200);
        QCOMPARE(autosaved.count(), 0);
        QVERIFY(!QFile::exists(autosavePath));

        // WHEN the user edits THEN the timer writes the autosave with the edit in it
        session.push(new RenameSessionCommand(&session, QStringLiteral("edited")));
        QTRY_VERIFY_WITH_TIMEOUT(autosaved.count() == 1, 5000);
        QVERIFY(QFile::exists(autosavePath));
        QCOMPARE(SessionJson::readFile(autosavePath).name, QStringLiteral("edited"));
        QCOMPARE(autosaved.first().first().toString(), autosavePath);

        // AND without further edits it is not written again
        QTest::qWait(200);
        QCOMPARE(autosaved.count(), 1);

        // WHEN edited again THEN autosaved again
        Track t;
        t.name = QStringLiteral("New");
        session.push(new AddTrackCommand(&session, t));
        QTRY_VERIFY_WITH_TIMEOUT(autosaved.count() == 2, 5000);
        QCOMPARE(SessionJson::readFile(autosavePath).tracks.size(), std::size_t(1));

        // WHEN the session is saved cleanly THEN the autosave is removed and nothing recovers
        session.save(path);
        QVERIFY(!QFile::exists(autosavePath));
        QVERIFY(!Autosaver::recoverable(path));
        QTest::qWait(150);
        QCOMPARE(autosaved.count(), 2);
    }

    void undoingBackToCleanDoesNotAutosave()
    {
        // GIVEN a saved session WHEN an edit is undone before the timer fires THEN the stack is
        // clean again and no autosave is written
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        Session session;
        session.save(path);
        Autosaver autosaver(&session);
        autosaver.setInterval(10'000);
        session.push(new RenameSessionCommand(&session, QStringLiteral("edited")));
        session.undoStack()->undo();
        QVERIFY(!autosaver.autosaveNow());
        QVERIFY(!QFile::exists(Autosaver::autosavePath(path)));
    }

    void recoveryRestoresTheWork()
    {
        // GIVEN a session whose app "crashed" after an autosave (the session file is older)
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        {
            Session session;
            session.push(new RenameSessionCommand(&session, QStringLiteral("saved")));
            session.save(path);
            Autosaver autosaver(&session);
            session.push(new RenameSessionCommand(&session, QStringLiteral("unsaved work")));
            QVERIFY(autosaver.autosaveNow());
            // the autosaver is destroyed with no clean save, as in a crash
        }
        QVERIFY(QFile::exists(Autosaver::autosavePath(path)));

        // WHEN the app starts again THEN it finds the autosave and recovering restores the work
        QVERIFY(Autosaver::recoverable(path));
        Session session;
        Autosaver::recover(session, path);
        QCOMPARE(session.name(), QStringLiteral("unsaved work"));
        QCOMPARE(session.filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(!session.undoStack()->isClean()); // the recovered work is still unsaved

        // AND saving it makes it the session file and removes the autosave
        Autosaver autosaver(&session);
        session.save(session.filePath());
        QVERIFY(!QFile::exists(Autosaver::autosavePath(path)));
        Session reloaded;
        reloaded.load(path);
        QCOMPARE(reloaded.name(), QStringLiteral("unsaved work"));
    }

    void olderAutosaveIsNotRecoverable()
    {
        // GIVEN an autosave older than the session file THEN it is not offered
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        Session session;
        session.save(path);
        QFile autosave(Autosaver::autosavePath(path));
        QVERIFY(autosave.open(QIODevice::WriteOnly));
        autosave.write("{}");
        autosave.close();
        QVERIFY(Autosaver::recoverable(path));
        QVERIFY(autosave.open(QIODevice::ReadWrite));
        QVERIFY(autosave.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                     QFileDevice::FileModificationTime));
        autosave.close();
        QVERIFY(!Autosaver::recoverable(path));
        // AND a missing autosave is not recoverable either
        QVERIFY(!Autosaver::recoverable(dir.filePath(QStringLiteral("other.mirsession"))));
    }

    void untitledSessionAutosavesToItsFallback()
    {
        // GIVEN a never-saved session with a fallback autosave path WHEN edited
        QTemporaryDir dir;
        Session session;
        Autosaver autosaver(&session);
        QVERIFY(autosaver.currentAutosavePath().isEmpty());
        autosaver.setUntitledPath(dir.filePath(QStringLiteral("untitled.autosave.json")));
        session.push(new RenameSessionCommand(&session, QStringLiteral("draft")));
        // THEN the autosave goes there
        QVERIFY(autosaver.autosaveNow());
        QCOMPARE(SessionJson::readFile(autosaver.untitledPath()).name, QStringLiteral("draft"));
    }

    void autosaveFailureIsReportedNotThrown()
    {
        // GIVEN an autosave target in a missing folder WHEN it autosaves THEN autosaveFailed
        Session session;
        Autosaver autosaver(&session);
        autosaver.setUntitledPath(QStringLiteral("/nonexistent-mirstudio/untitled.json"));
        QSignalSpy failed(&autosaver, &Autosaver::autosaveFailed);
        session.push(new RenameSessionCommand(&session, QStringLiteral("draft")));
        QVERIFY(!autosaver.autosaveNow());
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("cannot save")));
    }
};

QTEST_GUILESS_MAIN(TestAutosave)
#include "tst_autosave.moc"
