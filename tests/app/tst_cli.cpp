// SPDX-License-Identifier: GPL-3.0-or-later
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MIRSTUDIO_BINARY_DIR "/app/mirstudio-cli"), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString demo(const char *name)
{
    return QStringLiteral(MIRSTUDIO_SOURCE_DIR "/resources/demo/") + QLatin1String(name);
}

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "inspect FILE";
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << "plugin SDK 1.0";
        QTest::newRow("nothing") << QStringList{} << 2 << "no command given";
        QTest::newRow("unknown") << QStringList{QStringLiteral("frobnicate")} << 2 << "unknown command 'frobnicate'";
        QTest::newRow("inspect without file") << QStringList{QStringLiteral("inspect")} << 2 << "inspect needs a FILE";
    }
    void usage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, text);
        // WHEN the CLI runs with these arguments THEN exit code and message are as documented
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2((r.out + r.err).contains(text), qPrintable(r.out + r.err));
    }

    void inspectsEachKind_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("session") << demo("demo.mirstudio")
            << QStringList{QStringLiteral("kind:        MIR Studio session"), QStringLiteral("tracks:      6"),
                           QStringLiteral("[midi] \"Drums\""), QStringLiteral("96 notes"), QStringLiteral("100.00 bpm, 4/4")};
        QTest::newRow("midi") << demo("demo.mid")
            << QStringList{QStringLiteral("Standard MIDI File type 1"), QStringLiteral("ppq:         480"),
                           QStringLiteral("notes:       204"), QStringLiteral("tick 0: 100.00 bpm"),
                           QStringLiteral("\"Bass\" notes 32, channel 3, program 33")};
        QTest::newRow("flac") << demo("demo.flac")
            << QStringList{QStringLiteral("container:   FLAC"), QStringLiteral("sample rate: 44100 Hz"),
                           QStringLiteral("channels:    2"), QStringLiteral("peak:")};
        QTest::newRow("abc") << QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/abc/nottingham_sample.abc")
            << QStringList{QStringLiteral("kind:        ABC notation"), QStringLiteral("X:")};
    }
    void inspectsEachKind()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        // GIVEN a valid file WHEN inspected THEN exit 0 and the facts are printed
        const Run r = cli({QStringLiteral("inspect"), file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const QString &e : expected)
            QVERIFY2(r.out.contains(e), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(e, r.out)));
    }

    void badInputIsAPreciseErrorAndExit1_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated midi") << QByteArray("MThd\0\0\0\6\0\1", 10) << "mid" << "byte";
        QTest::newRow("bad midi magic") << QByteArray("MThx\0\0\0\6\0\1\0\1\1\xe0", 14) << "mid" << "MThd";
        QTest::newRow("empty wav") << QByteArray() << "wav" << "bad.wav";
        QTest::newRow("garbage wav") << QByteArray("RIFF\x10\0\0\0WAVEjunkjunk", 20) << "wav" << "bad.wav";
        QTest::newRow("session not json") << QByteArray("{ \"format\": ") << "mirstudio" << "bad.mirstudio";
        QTest::newRow("session wrong format") << QByteArray("{\"format\":\"other\",\"version\":1}") << "mirstudio" << "format";
    }
    void badInputIsAPreciseErrorAndExit1()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, suffix);
        QFETCH(QString, message);
        // GIVEN a corrupt file
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.") + suffix);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        // WHEN inspected THEN exit code 1 and a message naming the file and the problem
        const Run r = cli({QStringLiteral("inspect"), path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("error:")) && r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("bad.") + suffix), qPrintable(r.err));
    }

    void missingFileAndFolder()
    {
        QTemporaryDir dir;
        Run r = cli({QStringLiteral("inspect"), dir.filePath(QStringLiteral("nope.wav"))});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no such file")), qPrintable(r.err));
        r = cli({QStringLiteral("inspect"), dir.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("folder")), qPrintable(r.err));
    }

    void makeDemoReproducesTheBundledDemo()
    {
        // GIVEN an empty folder WHEN make-demo runs THEN it writes the three files, and the MIDI
        // and session files equal the committed demo byte for byte (made by this command)
        QTemporaryDir dir;
        const Run r = cli({QStringLiteral("make-demo"), dir.path()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(bytes(dir.filePath(QStringLiteral("demo.mid"))), bytes(demo("demo.mid")));
        QCOMPARE(bytes(dir.filePath(QStringLiteral("demo.mirstudio"))), bytes(demo("demo.mirstudio")));
        // the mix is bounced through the engine, deterministically
        QCOMPARE(bytes(dir.filePath(QStringLiteral("demo.flac"))), bytes(demo("demo.flac")));
        const Run i = cli({QStringLiteral("inspect"), dir.filePath(QStringLiteral("demo.flac"))});
        QCOMPARE(i.code, 0);
        QVERIFY2(i.out.contains(QStringLiteral("frames:      912870")), qPrintable(i.out));
    }

    void renderWithAMissingSoundFontFailsAndWritesNothing()
    {
        // GIVEN a SoundFont setting that points nowhere
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MIRSTUDIO_SOUNDFONT"), QStringLiteral("/nonexistent/gm.sf2"));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("mix.wav"));
        // WHEN the demo session (which has MIDI tracks) is rendered
        const Run r = cli({QStringLiteral("render"), demo("demo.mirstudio"), out}, env);
        // THEN exit 1 with the font named, and no output file
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/gm.sf2")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void makeDemoIntoUnwritablePlaceFails()
    {
        const Run r = cli({QStringLiteral("make-demo"), QStringLiteral("/proc/mirstudio-demo")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("error:")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
