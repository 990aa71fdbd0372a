// SPDX-License-Identifier: GPL-3.0-or-later
// PluginHost and JobRunner against the fixture plugins: discovery and its errors, states, jobs,
// parameters, cancel latency and fault containment (throws, hangs past cancel, bad output).
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;

namespace {

sdk::AudioBuffer tone(double seconds = 1.0)
{
    sdk::AudioBuffer a;
    a.sampleRate = 8000.0;
    a.channels.assign(2, std::vector<float>(size_t(seconds * 8000), 0.25f));
    return a;
}

sdk::NoteSequence threeNotes()
{
    sdk::NoteSequence n;
    for (int i = 0; i < 3; ++i)
        n.notes.push_back({60 + i, 90, 0.5 * i, 0.5, 0, 0});
    return n;
}

} // namespace

class TestPluginHost : public QObject
{
    Q_OBJECT
    std::unique_ptr<PluginHost> m_host;
    std::unique_ptr<JobRunner> m_runner;

    JobInfo runToEnd(const JobRequest &request)
    {
        const int id = m_runner->submit(request);
        if (!m_runner->wait(id, 20000))
            qWarning("job did not finish");
        return m_runner->info(id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_host = std::make_unique<PluginHost>(QStringList{QStringLiteral(MIRSTUDIO_FIXTURE_PLUGIN_DIR)});
        QSignalSpy changed(m_host.get(), &PluginHost::pluginsChanged);
        m_host->discover();
        QCOMPARE(changed.size(), 1);
        m_runner = std::make_unique<JobRunner>(m_host.get());
    }

    void discoversEveryFixture()
    {
        // GIVEN the fixture folder WHEN discovered THEN all eight are listed, usable ones Validated
        QCOMPARE(m_host->plugins().size(), 8);
        for (const char *id : {"echo", "slowcancel", "throws", "hangs", "weighted", "fakeseparate"}) {
            PluginSpec *spec = m_host->plugin(QLatin1String(id));
            QVERIFY2(spec, id);
            QCOMPARE(spec->state(), PluginSpec::State::Validated);
            QVERIFY(spec->errorString().isEmpty());
        }
        // AND discovery again adds nothing (files already known are kept)
        m_host->discover();
        QCOMPARE(m_host->plugins().size(), 8);
    }

    void badManifestListsEveryError()
    {
        // GIVEN badmanifest WHEN validated THEN it is in Error with each problem at its JSON path
        PluginSpec *spec = m_host->plugin(QStringLiteral("badmanifest"));
        QVERIFY(spec);
        QCOMPARE(spec->state(), PluginSpec::State::Error);
        const QStringList errors = spec->errors();
        for (const char *e : {"manifest name: missing", "manifest capabilities[1]: unknown capability \"dance\"",
                              "manifest methods[0].inputs[0].type: notes not allowed by capability separate",
                              "manifest methods[1].parameters[0].type: unknown type \"flaot\""}) {
            QVERIFY2(std::any_of(errors.cbegin(), errors.cend(), [&](const QString &s) { return s.startsWith(QLatin1String(e)); }),
                     qPrintable(errors.join('\n')));
        }
        QCOMPARE(spec->instance(), nullptr);
    }

    void wrongSdkIsRefused()
    {
        PluginSpec *spec = m_host->plugin(QStringLiteral("wrongsdk"));
        QVERIFY(spec);
        QCOMPARE(spec->state(), PluginSpec::State::Error);
        QCOMPARE(spec->errorString(), QStringLiteral("manifest sdk: plugin needs SDK 99.0, this host provides SDK 1.0"));
        // AND a job for it fails at once with that reason
        const JobInfo info = runToEnd({QStringLiteral("wrongsdk"), QStringLiteral("work"), {}, {}});
        QCOMPARE(info.state, JobState::Failed);
        QVERIFY2(info.error.contains(QLatin1String("needs SDK 99.0")), qPrintable(info.error));
    }

    void echoRunsAndBecomesReady()
    {
        // GIVEN echo, not loaded yet WHEN a job runs THEN it is loaded lazily and ends Ready
        PluginSpec *spec = m_host->plugin(QStringLiteral("echo"));
        QCOMPARE(spec->state(), PluginSpec::State::Validated);
        QSignalSpy finished(m_runner.get(), &JobRunner::jobFinished);
        const JobInfo info = runToEnd({QStringLiteral("echo"), QStringLiteral("notes"),
                                       {{QStringLiteral("notes"), threeNotes()}},
                                       {{QStringLiteral("transpose"), QStringLiteral("2")}, {QStringLiteral("reverse"), true}}});
        QCOMPARE(info.state, JobState::Done);
        QCOMPARE(spec->state(), PluginSpec::State::Ready);
        const auto notes = std::get<sdk::NoteSequence>(info.outputs.value(QStringLiteral("notes")));
        QCOMPARE(notes.notes.size(), size_t(3));
        QCOMPARE(notes.notes.front().pitch, 64);   // reversed, transposed by 2
        QCOMPARE(info.resolvedParams.value(QStringLiteral("mode")).toString(), QStringLiteral("copy"));
        QCOMPARE(info.progress, 1.0);
        // AND jobFinished(id, Done) is emitted on the runner's thread
        QTRY_VERIFY(std::any_of(finished.cbegin(), finished.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toInt() == info.id && args.at(1).value<JobState>() == JobState::Done;
        }));
    }

    void requestErrorsFailAtOnce_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("withInput");
        QTest::addColumn<QVariantMap>("params");
        QTest::addColumn<QString>("error");
        const QVariantMap none;
        QTest::newRow("no plugin") << "nope" << "x" << true << none << "no plugin \"nope\"";
        QTest::newRow("no method") << "echo" << "sing" << true << none
            << "plugin \"echo\" has no method \"sing\" (methods: notes, audio, stems, annotate, encode, bad, train)";
        QTest::newRow("missing input") << "echo" << "audio" << false << none << "input \"audio\" (audio) is missing";
        QTest::newRow("unknown param") << "echo" << "audio" << true << QVariantMap{{"gian", 1}}
            << "unknown parameter \"gian\" (known: gain, file)";
        QTest::newRow("param range") << "echo" << "audio" << true << QVariantMap{{"gain", 99}}
            << "parameter \"gain\": 99 is above the maximum 24";
    }
    void requestErrorsFailAtOnce()
    {
        QFETCH(QString, plugin);
        QFETCH(QString, method);
        QFETCH(bool, withInput);
        QFETCH(QVariantMap, params);
        QFETCH(QString, error);
        sdk::ValueMap in;
        if (withInput)
            in.insert(QStringLiteral("audio"), tone());
        // WHEN the request is wrong THEN the job is Failed with the precise reason
        const int id = m_runner->submit({plugin, method, in, params});
        const JobInfo info = m_runner->info(id);
        QCOMPARE(info.state, JobState::Failed);
        QCOMPARE(info.error, error);
    }

    void wrongInputKindIsRefused()
    {
        const int id = m_runner->submit({QStringLiteral("echo"), QStringLiteral("audio"),
                                         {{QStringLiteral("audio"), threeNotes()}}, {}});
        QCOMPARE(m_runner->info(id).error, QStringLiteral("input \"audio\" is notes, the method declares audio"));
    }

    void invalidOutputIsRejected()
    {
        // GIVEN a method that returns audio where annotations are declared THEN the job fails
        const JobInfo info = runToEnd({QStringLiteral("echo"), QStringLiteral("bad"), {{QStringLiteral("audio"), tone()}}, {}});
        QCOMPARE(info.state, JobState::Failed);
        QCOMPARE(info.error, QStringLiteral("the plugin returned an invalid result: output \"marks\" is audio, the method declares annotations"));
        QVERIFY(info.outputs.isEmpty());
    }

    void cancelStopsWithin500ms()
    {
        // GIVEN slowcancel running for a while, having published a partial result
        QSignalSpy progress(m_runner.get(), &JobRunner::jobProgress);
        const int id = m_runner->submit({QStringLiteral("slowcancel"), QStringLiteral("work"), {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(m_runner->info(id).progress > 0.01, 10000);
        QVERIFY(m_runner->info(id).partials.contains(QStringLiteral("audio")));
        QCOMPARE(m_runner->info(id).state, JobState::Running);
        // WHEN cancelled THEN it is Cancelled within 500 ms and the plugin stays usable
        QElapsedTimer clock;
        clock.start();
        m_runner->cancel(id);
        QVERIFY(m_runner->wait(id, 5000));
        const qint64 ms = clock.elapsed();
        qInfo("cancel took %lld ms", ms);
        QVERIFY2(ms < 500, qPrintable(QString::number(ms)));
        QCOMPARE(m_runner->info(id).state, JobState::Cancelled);
        QVERIFY(!m_host->plugin(QStringLiteral("slowcancel"))->hasError());
        QVERIFY(progress.size() > 0);
    }

    void queuedJobCancelsAtOnce()
    {
        // GIVEN a running job and one queued behind it WHEN the queued one is cancelled THEN it never runs
        const int first = m_runner->submit({QStringLiteral("slowcancel"), QStringLiteral("work"), {}, {{QStringLiteral("seconds"), 0.5}}});
        const int second = m_runner->submit({QStringLiteral("slowcancel"), QStringLiteral("work"), {}, {{QStringLiteral("seconds"), 0.5}}});
        QCOMPARE(m_runner->info(second).state, JobState::Queued);
        m_runner->cancel(second);
        QCOMPARE(m_runner->info(second).state, JobState::Cancelled);
        QVERIFY(m_runner->wait(first, 10000));
        QCOMPARE(m_runner->info(first).state, JobState::Done);
    }

    void exceptionsAreContained_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("error");
        QTest::newRow("std") << "std" << "the plugin threw an exception: std failure from the throws fixture";
        QTest::newRow("PluginError") << "plugin" << "input is mono; this model needs stereo";
        QTest::newRow("non-std") << "other" << "the plugin threw an unknown (non-std) exception";
    }
    void exceptionsAreContained()
    {
        QFETCH(QString, method);
        QFETCH(QString, error);
        // WHEN the plugin throws THEN the job fails with a message, the log is kept, nothing crashes
        const JobInfo info = runToEnd({QStringLiteral("throws"), method, {}, {}});
        QCOMPARE(info.state, JobState::Failed);
        QCOMPARE(info.error, error);
        QCOMPARE(info.log, QStringList{QStringLiteral("about to throw")});
        // AND the plugin is still usable for the next job
        QVERIFY(!m_host->plugin(QStringLiteral("throws"))->hasError());
    }

    void weightsAreCheckedBeforeInitialise_data()
    {
        QTest::addColumn<QByteArray>("content");   // empty: no file
        QTest::addColumn<QString>("error");
        QTest::newRow("missing") << QByteArray() << "weight file \"w.bin\" (w) not found in: ";
        QTest::newRow("truncated") << QByteArray("abc") << "size 3 bytes, manifest says 4 (truncated or a different file)";
        QTest::newRow("different") << QByteArray("abce") << "sha256 ";
    }
    void weightsAreCheckedBeforeInitialise()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        // GIVEN a fresh host whose registry root holds a wrong (or no) weight file
        QTemporaryDir root;
        if (!content.isEmpty()) {
            QDir().mkpath(root.filePath(QStringLiteral("weighted")));
            QFile f(root.filePath(QStringLiteral("weighted/w.bin")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        PluginHost host({QStringLiteral(MIRSTUDIO_FIXTURE_PLUGIN_DIR)});
        host.registry().addRoot(root.path());
        host.discover();
        JobRunner runner(&host);
        // WHEN a job needs the plugin THEN it fails before initialise, and the plugin is in Error
        const int id = runner.submit({QStringLiteral("weighted"), QStringLiteral("folder"), {{QStringLiteral("audio"), tone()}}, {}});
        QVERIFY(runner.wait(id, 10000));
        const JobInfo info = runner.info(id);
        QCOMPARE(info.state, JobState::Failed);
        QVERIFY2(info.error.startsWith(QLatin1String("plugin \"weighted\" could not be prepared: ")), qPrintable(info.error));
        QVERIFY2(info.error.contains(error), qPrintable(info.error));
        QCOMPARE(host.plugin(QStringLiteral("weighted"))->state(), PluginSpec::State::Error);
    }

    void rightWeightsMakeThePluginReady()
    {
        QTemporaryDir root;
        QDir().mkpath(root.filePath(QStringLiteral("weighted")));
        QFile f(root.filePath(QStringLiteral("weighted/w.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("abcd");
        f.close();
        PluginHost host({QStringLiteral(MIRSTUDIO_FIXTURE_PLUGIN_DIR)});
        host.registry().addRoot(root.path());
        host.discover();
        JobRunner runner(&host);
        // WHEN run THEN initialise found the file and the job sees the model folder
        const int id = runner.submit({QStringLiteral("weighted"), QStringLiteral("folder"), {{QStringLiteral("audio"), tone()}}, {}});
        QVERIFY(runner.wait(id, 10000));
        const JobInfo info = runner.info(id);
        QCOMPARE(info.state, JobState::Done);
        QCOMPARE(std::get<sdk::AnnotationSet>(info.outputs.value(QStringLiteral("where"))).items.front().label,
                 root.filePath(QStringLiteral("weighted")));
        QCOMPARE(host.plugin(QStringLiteral("weighted"))->state(), PluginSpec::State::Ready);
    }

    void hangPastCancelIsAbandoned()
    {
        // GIVEN hangs, which ignores cancel for 2 s, and a 300 ms abandon timeout
        m_runner->setAbandonTimeout(300);
        const int id = m_runner->submit({QStringLiteral("hangs"), QStringLiteral("work"), {}, {{QStringLiteral("seconds"), 2}}});
        QTRY_COMPARE_WITH_TIMEOUT(m_runner->info(id).status, QStringLiteral("sleeping"), 5000);
        // WHEN cancelled THEN after the timeout the job is Abandoned and the plugin in Error
        QElapsedTimer clock;
        clock.start();
        m_runner->cancel(id);
        QVERIFY(m_runner->wait(id, 5000));
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(m_runner->info(id).state, JobState::Abandoned);
        PluginSpec *hangs = m_host->plugin(QStringLiteral("hangs"));
        QCOMPARE(hangs->errorString(), QStringLiteral("did not stop after cancel"));
        // AND other jobs still run while the stuck one sleeps
        const JobInfo echo = runToEnd({QStringLiteral("echo"), QStringLiteral("audio"), {{QStringLiteral("audio"), tone()}}, {}});
        QCOMPARE(echo.state, JobState::Done);
        QVERIFY(clock.elapsed() < 1800);
        // AND the hung plugin is never used again
        QCOMPARE(runToEnd({QStringLiteral("hangs"), QStringLiteral("work"), {}, {}}).state, JobState::Failed);
        // AND when the stuck call returns its result is discarded
        QTest::qWait(2000);
        QCOMPARE(m_runner->info(id).state, JobState::Abandoned);
        QVERIFY(m_runner->info(id).outputs.isEmpty());
        m_runner->setAbandonTimeout(2000);
    }
};

QTEST_GUILESS_MAIN(TestPluginHost)
#include "tst_pluginhost.moc"
