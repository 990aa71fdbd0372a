// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

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

/** The environment with only the host's fixture plugins added to the search path. */
QProcessEnvironment fixtureEnv()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MIRSTUDIO_PLUGIN_PATH"), QStringLiteral(MIRSTUDIO_BINARY_DIR "/tests/host/plugins"));
    return env;
}

Run plugins(const QStringList &args)
{
    return cli(args, fixtureEnv());
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

    void listsPluginsWithStateAndErrors()
    {
        // GIVEN the fixture plugins WHEN listed THEN each shows its state, broken ones their errors
        const Run r = plugins({QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("echo  1.0.0  validated  transform,synthesize,separate,analyse,latent,train")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("wrongsdk  1.0.0  error")));
        QVERIFY(r.out.contains(QLatin1String("    error: manifest sdk: plugin needs SDK 99.0, this host provides SDK 1.0")));
        QVERIFY(r.out.contains(QLatin1String("    error: manifest capabilities[1]: unknown capability \"dance\"")));
        // AND --json gives the same as an array of objects
        const Run j = plugins({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(j.code, 0);
        const QJsonArray all = QJsonDocument::fromJson(j.out.toUtf8()).array();
        QVERIFY(std::any_of(all.begin(), all.end(), [](const QJsonValue &v) {
            return v[QLatin1String("id")] == QLatin1String("hangs") && v[QLatin1String("state")] == QLatin1String("validated");
        }));
    }

    void infoShowsManifest()
    {
        const Run r = plugins({QStringLiteral("info"), QStringLiteral("echo")});
        QCOMPARE(r.code, 0);
        for (const char *line : {"echo 1.0.0", "paper:        MIR Studio (tests): A fixture, not a paper. https://example.org/echo", "code licence: GPL-3.0-or-later",
                                 "stems [separate] mix:audio -> stems:stems",
                                 "--param transpose  (int -12..12 semitones, default 0)  Transpose",
                                 "--param mode  (choice: copy|first, default copy)  Mode"})
            QVERIFY2(r.out.contains(QLatin1String(line)), line);
        const Run j = plugins({QStringLiteral("info"), QStringLiteral("echo"), QStringLiteral("--json")});
        QCOMPARE(j.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("id")).toString(), QStringLiteral("echo"));
        QCOMPARE(o.value(QLatin1String("methods")).toArray().size(), 7);
    }

    void pluginErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("text");
        const QString flac = demo("demo.flac");
        QTest::newRow("info unknown") << QStringList{"info", "nope"} << 3 << "no plugin \"nope\"";
        QTest::newRow("info broken") << QStringList{"info", "wrongsdk"} << 3 << "error: manifest sdk: plugin needs SDK 99.0";
        QTest::newRow("info no arg") << QStringList{"info"} << 2 << "info needs exactly one PLUGIN";
        QTest::newRow("run unknown plugin") << QStringList{"run", "nope", "x", "--out", "o"} << 3 << "no plugin \"nope\"";
        QTest::newRow("run broken plugin") << QStringList{"run", "badmanifest", "split", "--out", "o"} << 3 << "plugin \"badmanifest\" is not usable: manifest name: missing";
        QTest::newRow("run unknown method") << QStringList{"run", "echo", "sing", "--out", "o"} << 2 << "plugin \"echo\" has no method \"sing\"";
        QTest::newRow("run bad param") << QStringList{"run", "echo", "audio", "--in", flac, "--out", "o.wav", "--param", "gain=99"} << 2 << "parameter \"gain\": 99 is above the maximum 24";
        QTest::newRow("run unknown param") << QStringList{"run", "echo", "audio", "--in", flac, "--out", "o.wav", "--param", "gian=1"} << 2 << "unknown parameter \"gian\"";
        QTest::newRow("run malformed param") << QStringList{"run", "echo", "audio", "--out", "o.wav", "--param", "gain"} << 2 << "--param needs KEY=VALUE";
        QTest::newRow("run no out") << QStringList{"run", "echo", "audio", "--in", flac} << 2 << "run needs --out";
        QTest::newRow("run unknown option") << QStringList{"run", "echo", "audio", "--fast"} << 2 << "unknown option '--fast'";
        QTest::newRow("run missing input") << QStringList{"run", "echo", "audio", "--out", "o.wav"} << 1 << "input \"audio\" (audio) is missing";
        QTest::newRow("run unreadable input") << QStringList{"run", "echo", "audio", "--in", "/nonexistent.wav", "--out", "o.wav"} << 1 << "/nonexistent.wav";
        QTest::newRow("run plugin throws") << QStringList{"run", "throws", "plugin", "--out", "o.wav"} << 1 << "throws plugin failed: input is mono; this model needs stereo";
        QTest::newRow("run verbose log") << QStringList{"run", "throws", "std", "--out", "o.wav", "--verbose"} << 1 << "throws: about to throw";
        QTest::newRow("train no data") << QStringList{"train", "echo", "--out", "t"} << 2 << "train needs --data DIR and --out DIR";
        QTest::newRow("train missing data") << QStringList{"train", "echo", "--data", "/nonexistent", "--out", "t"} << 1 << "data folder /nonexistent does not exist";
    }
    void pluginErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, text);
        QTemporaryDir dir;
        QVERIFY(QDir::setCurrent(dir.path()));
        // WHEN a plugin command is misused or fails THEN the documented exit code and message
        const Run r = plugins(args);
        QCOMPARE(r.code, code);
        QVERIFY2((r.out + r.err).contains(text), qPrintable(r.out + r.err));
        // AND no output file is left behind
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void runWritesEachOutputKind()
    {
        QTemporaryDir dir;
        const QString flac = demo("demo.flac");
        const QString mid = demo("demo.mid");
        // WHEN separating THEN one WAV per stem in the --out folder
        Run r = plugins({"run", "echo", "stems", "--in", flac, "--out", dir.filePath("stems")});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(dir.filePath("stems/copy.wav")) && QFile::exists(dir.filePath("stems/half.wav")));
        const Run inspect = cli({"inspect", dir.filePath("stems/half.wav")});
        QVERIFY2(inspect.out.contains(QLatin1String("sample rate: 44100 Hz")), qPrintable(inspect.out));
        // WHEN notes are transformed THEN a MIDI file with every note
        r = plugins({"run", "echo", "notes", "--in", mid, "--out", dir.filePath("n.mid"), "--param", "transpose=2", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("params")).toObject().value(QLatin1String("transpose")).toInt(), 2);
        QVERIFY2(cli({"inspect", dir.filePath("n.mid")}).out.contains(QLatin1String("notes:       204")), "204 notes");
        // WHEN annotating / encoding THEN CSV files
        QCOMPARE(plugins({"run", "echo", "annotate", "--in", flac, "--out", dir.filePath("a.csv")}).code, 0);
        QVERIFY(bytes(dir.filePath("a.csv")).startsWith("time,duration,label,value\n0,0,s0,0\n1,0,s1,44100\n"));
        QCOMPARE(plugins({"run", "echo", "encode", "--in", "notes=" + mid, "--out", dir.filePath("z.csv")}).code, 0);
        QVERIFY(bytes(dir.filePath("z.csv")).startsWith("pitch,velocity\n"));
    }

    void examplePluginFromTheBuildTree()
    {
        // GIVEN the SDK's example plugin in <build>/plugins WHEN run with -6 dB THEN the peak halves
        QTemporaryDir dir;
        const Run r = plugins({"run", "example-gain", "gain", "--in", demo("demo.flac"), "--out", dir.filePath("g.wav"),
                               "--param", "gain=-6.0206"});
        QCOMPARE(r.code, 0);
        const float before = mirstudio::media::readAudio(demo("demo.flac")).peak();
        const float after = mirstudio::media::readAudio(dir.filePath("g.wav")).peak();
        QVERIFY2(std::abs(after - before / 2) < 1e-4f, qPrintable(QStringLiteral("%1 %2").arg(before).arg(after)));
    }

    void trainCallsTheTrainMethod()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("data")));
        QFile(dir.filePath("data/a.mid")).open(QIODevice::WriteOnly);
        const Run r = plugins({"train", "echo", "--data", dir.filePath("data"), "--out", dir.filePath("out"), "--steps", "7"});
        QCOMPARE(r.code, 0);
        QCOMPARE(bytes(dir.filePath("out/echo.weights")), QByteArray("steps=7 files=1\n"));
        // AND the method's loss curve is written next to the weights
        QVERIFY(bytes(dir.filePath("out/loss.csv")).startsWith("loss\n1\n0.5\n"));
    }

    void ctrlCCancelsAndLeavesNothing()
    {
        // GIVEN a long job writing into an empty folder
        QTemporaryDir dir;
        QProcess p;
        p.setProcessEnvironment(fixtureEnv());
        p.start(QStringLiteral(MIRSTUDIO_BINARY_DIR "/app/mirstudio-cli"),
                {"run", "slowcancel", "work", "--out", dir.filePath("s.wav"), "--param", "seconds=20"});
        QVERIFY(p.waitForStarted());
        // WHEN it has made progress and gets SIGINT
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += p.readAllStandardError()).contains("slowcancel work:"), 10000);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(5000));
        // THEN it exits 130 promptly and leaves no file, temporary or final
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden), QStringList());
    }

    void ctrlCOnAHungPluginStillExits()
    {
        // GIVEN a plugin that ignores cancel WHEN interrupted THEN the CLI abandons it and exits 130
        QProcess p;
        p.setProcessEnvironment(fixtureEnv());
        p.start(QStringLiteral(MIRSTUDIO_BINARY_DIR "/app/mirstudio-cli"), {"run", "hangs", "work", "--out", "/tmp/never.wav", "--param", "seconds=30"});
        QVERIFY(p.waitForStarted());
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(clock.elapsed() < 4000);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QLatin1String("abandoned")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
