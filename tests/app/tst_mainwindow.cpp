// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/jobinputs.h"
#include "app/gui/mainwindow.h"
#include "app/gui/modelspanel.h"
#include "app/gui/playbackcontroller.h"
#include "app/gui/preferencesdialog.h"
#include "app/gui/sessionexporter.h"
#include "core/audio/offlinebounce.h"
#include "core/host/jobrunner.h"
#include "core/host/mediaconversion.h"
#include "core/host/pluginhost.h"
#include "core/audio/planbuilder.h"
#include "core/media/audiofile.h"
#include "core/media/audiofilewriter.h"
#include "core/media/midifilereader.h"
#include "core/media/midifilewriter.h"
#include "core/session/session.h"
#include "widgets/enginestatus.h"
#include "widgets/jobpanel.h"
#include "widgets/lane.h"
#include "widgets/pianorolllane.h"
#include "widgets/pluginpanel.h"
#include "widgets/timeaxis.h"
#include "widgets/timelineview.h"
#include "widgets/timeruler.h"
#include "widgets/tracklistview.h"
#include "widgets/waveformlane.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QSettings>
#include <QMimeData>
#include <QPushButton>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Settings of the tests never touch the user's.
        QCoreApplication::setOrganizationName(QStringLiteral("MIR Studio tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        // The SDK's example plugin is built into <build>/plugins.
        qputenv("MIRSTUDIO_PLUGIN_PATH", MIRSTUDIO_BINARY_DIR "/plugins");
    }

    void pluginJobsShowInThePanelAndImportWhenDone()
    {
        // GIVEN the demo, saved to a temporary folder, and the example gain plugin
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        QVERIFY(w.saveSession(dir.filePath(QStringLiteral("s.mirstudio"))));
        QVERIFY2(w.pluginHost()->plugin(QStringLiteral("example-gain")), "example-gain not built");
        const auto source = w.session()->tracks().front().clips.front().source;
        JobRequest request;
        request.plugin = QStringLiteral("example-gain");
        request.method = QStringLiteral("gain");
        request.inputs.insert(QStringLiteral("audio"), MediaConversion::toAudioBuffer(
            media::readAudio(w.session()->mediaPool().source(source)->path)));
        request.params.insert(QStringLiteral("gain"), -6.0206);
        // WHEN the job runs
        const int id = w.runJob(request, {source});
        QTRY_VERIFY(w.jobPanel()->contains(id));
        QVERIFY(w.jobRunner()->wait(id, 60000));
        // THEN the panel shows it done and its output is a new audio track, one undo step
        QTRY_COMPARE(w.jobPanel()->progressPercent(id), 100);
        QTRY_COMPARE(w.session()->trackCount(), 7);
        QCOMPARE(w.jobPanel()->statusText(id), QStringLiteral("done"));
        const Track &added = w.session()->tracks().back();
        QCOMPARE(added.kind, Track::Kind::Audio);
        QVERIFY(added.provenance.has_value());
        QVERIFY(w.session()->mediaPool().source(added.clips.front().source)->path.startsWith(w.jobMediaFolder()));
        w.session()->undoStack()->undo();
        QCOMPARE(w.session()->trackCount(), 6);
        // WHEN a job cannot run (unknown method) THEN its row says why
        request.method = QStringLiteral("nope");
        const int bad = w.runJob(request);
        QTRY_VERIFY(w.jobPanel()->contains(bad));
        QVERIFY(w.jobPanel()->statusText(bad).contains(QStringLiteral("nope")));
    }

    void modelsPanelRunsOnTheSelectedClip()
    {
        // GIVEN the demo saved to a temporary folder, the mix clip selected on the timeline
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        QVERIFY(w.saveSession(dir.filePath(QStringLiteral("s.mirstudio"))));
        const Track &mix = w.session()->tracks().front();
        w.timeline()->setSelection({{mix.id, mix.clips.front().id}});
        // WHEN the example gain's panel runs at -6 dB
        QVERIFY(w.modelsPanel()->selectPlugin(QStringLiteral("example-gain")));
        QVERIFY(w.modelsPanel()->panel());
        w.modelsPanel()->panel()->setValue(QStringLiteral("gain"), -6.0206);
        QVERIFY(w.modelsPanel()->panel()->runButton()->isEnabled());
        w.modelsPanel()->panel()->runButton()->click();
        // THEN a track with the clip's audio at half the peak arrives, with provenance naming the input
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->trackCount(), 7, 60000);
        const Track &added = w.session()->tracks().back();
        const auto out = media::readAudio(w.session()->mediaPool().source(added.clips.front().source)->path);
        const auto in = media::readAudio(w.session()->mediaPool().source(mix.clips.front().source)->path);
        QVERIFY(std::abs(out.peak() - in.peak() / 2) < 1e-3f);
        QCOMPARE(added.provenance->inputs.size(), 1);
    }

    void jobInputsComeFromTheTimeline()
    {
        // GIVEN the demo
        Session s;
        s.load(QStringLiteral(MIRSTUDIO_DEMO_SESSION));
        const Track &melody = s.tracks()[1];
        const Clip &clip = melody.clips.front();
        // WHEN the melody clip's notes are taken THEN they are in seconds through the tempo map
        const sdk::NoteSequence seq = JobInputs::clipNotes(s, melody.id, clip.id);
        QCOMPARE(seq.notes.size(), clip.notes.size());
        const auto &map = s.tempoMap();
        for (std::size_t i = 0; i < clip.notes.size(); ++i) {
            QCOMPARE(seq.notes[i].pitch, clip.notes[i].pitch);
            QVERIFY(std::abs(seq.notes[i].start - map.secondsAt(double(clip.notes[i].start))) < 1e-9);
        }
        QCOMPARE(seq.bpm, map.bpmAt(0));
        // AND a method needing audio and notes gets the first clip of each kind; a latent input cannot be given
        sdk::MethodSpec m;
        m.name = QStringLiteral("m");
        m.inputs = {{QStringLiteral("a"), sdk::ValueKind::Audio, QStringLiteral("Audio")},
                    {QStringLiteral("n"), sdk::ValueKind::Notes, QStringLiteral("Notes")},
                    {QStringLiteral("z"), sdk::ValueKind::Latent, QStringLiteral("Codes"), true}};
        sdk::ValueMap inputs;
        QList<SourceId> sources;
        QString error;
        QVERIFY(JobInputs::build(s, m, {}, &inputs, &sources, &error));
        QCOMPARE(inputs.size(), 2);
        QCOMPARE(std::get<sdk::AudioBuffer>(inputs[QStringLiteral("a")]).frameCount(), s.tracks()[0].clips[0].length);
        QCOMPARE(sources.size(), 2);
        m.inputs[2].optional = false;
        QVERIFY(!JobInputs::build(s, m, {}, &inputs, &sources, &error));
        QVERIFY(error.contains(QStringLiteral("Codes")));
    }

    void soundFontPreferenceReachesTheEngine()
    {
        // GIVEN a playback controller WHEN its SoundFont is set to a missing file
        Session s;
        PlaybackController playback(&s);
        Engine *before = playback.engine();
        playback.setSoundFont(QStringLiteral("/nowhere/missing.sf2"));
        // THEN a fresh engine uses it: its synth fails to load, naming the file
        QVERIFY(playback.engine() != before);
        playback.engine()->prepare(48000, 256);
        QVERIFY(!playback.engine()->synthLoaded());
        QVERIFY2(playback.engine()->synthError().contains(QStringLiteral("missing.sf2")),
                 qPrintable(playback.engine()->synthError()));
        playback.engine()->release();
        // AND setting the same path again keeps the engine
        Engine *now = playback.engine();
        playback.setSoundFont(QStringLiteral("/nowhere/missing.sf2"));
        QCOMPARE(playback.engine(), now);
    }

    void preferencesPersistAndEdit()
    {
        // GIVEN preferences with every field set
        Preferences p;
        p.audioDevice = QStringLiteral("hw:1");
        p.bufferFrames = 128;
        p.midiInput = QStringLiteral("in");
        p.soundFont = QStringLiteral("/x/gm.sf2");
        p.pluginFolders = {QStringLiteral("/a"), QStringLiteral("/b")};
        p.threads = 2;
        p.colourMap = QStringLiteral("Magma");
        for (int i = 0; i < 10; ++i)
            p.addRecent(QStringLiteral("/s%1.mirstudio").arg(i));
        p.addRecent(QStringLiteral("/s3.mirstudio"));
        // THEN recent files hold the newest 8, without duplicates, newest first
        QCOMPARE(p.recentFiles.size(), Preferences::kMaxRecent);
        QCOMPARE(p.recentFiles.front(), QStringLiteral("/s3.mirstudio"));
        QCOMPARE(p.recentFiles.count(QStringLiteral("/s3.mirstudio")), 1);
        // WHEN saved and loaded THEN they are equal
        p.save();
        QCOMPARE(Preferences::load(), p);
        // WHEN the dialog edits them THEN the edits come back, the rest is kept
        PreferencesDialog dialog(p, {QStringLiteral("hw:0"), QStringLiteral("hw:1")}, {QStringLiteral("in")}, {});
        auto *buffer = dialog.findChildren<QComboBox *>().at(1);
        buffer->setCurrentIndex(buffer->findData(512));
        const Preferences edited = dialog.preferences();
        QCOMPARE(edited.bufferFrames, 512);
        QCOMPARE(edited.audioDevice, QStringLiteral("hw:1"));
        QCOMPARE(edited.pluginFolders, p.pluginFolders);
        QCOMPARE(edited.colourMap, QStringLiteral("Magma"));
        QCOMPARE(edited.recentFiles, p.recentFiles);
        QSettings().clear();
    }

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
        // AND the lane area (right of the 200-px track headers, below ruler and transport) is
        // mostly painted content, not lane background: waveform, notes, chord labels
        const QColor background(34, 36, 40);
        QSet<QRgb> laneColours;
        int content = 0, total = 0;
        for (int y = 110; y < 520; y += 3)
            for (int x = 220; x < 1200; x += 3, ++total)
                if (QColor(img.pixel(x, y)) != background) {
                    ++content;
                    laneColours.insert(img.pixel(x, y));
                }
        QVERIFY2(content > total / 2, qPrintable(QStringLiteral("%1 of %2").arg(content).arg(total)));
        QVERIFY2(laneColours.size() > 10, qPrintable(QString::number(laneColours.size())));
    }

    void timelineShowsOneLanePerTrack()
    {
        // GIVEN the demo WHEN opened THEN the timeline has a lane and header per track, on one axis
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        QCOMPARE(w.timeline()->lanes().size(), 6);
        QCOMPARE(w.timeline()->headers().size(), 6);
        for (widgets::Lane *lane : w.timeline()->lanes())
            QCOMPARE(lane->axis(), w.timeline()->axis());
        QVERIFY(qobject_cast<widgets::WaveformLane *>(w.timeline()->lanes().front()));
        // AND with no audio device the status bar says so
        QCOMPARE(w.engineStatus()->deviceText(), QStringLiteral("No audio device"));
    }

    void droppingFilesCreatesTracks()
    {
        // GIVEN a WAV file and a two-track MIDI file
        QTemporaryDir dir;
        const QString wav = dir.filePath(QStringLiteral("hit.wav"));
        media::writeAudio(wav, media::AudioData::silence(2, 22050, 44100),
                          {media::AudioContainer::Wav, media::AudioSampleFormat::Pcm16});
        const QString mid = dir.filePath(QStringLiteral("tune.mid"));
        media::MidiFile file(480);
        file.tracks.resize(3);
        file.tracks[1].name = QStringLiteral("Lead");
        file.tracks[1].notes.push_back({60, 90, 0, 0, 480});
        file.tracks[2].name = QStringLiteral("Bass");
        file.tracks[2].notes.push_back({36, 90, 1, 480, 960});
        file.tracks[2].notes.push_back({38, 90, 1, 960, 1440});
        media::writeMidiFile(mid, file, 1);
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        w.timeline()->axis()->setPixelsPerSecond(100);
        w.timeline()->axis()->setLeftSeconds(0);
        // WHEN both are dropped over the lanes 300 px right of the lanes' left edge (3 s)
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(wav), QUrl::fromLocalFile(mid)});
        widgets::Lane *lane = w.timeline()->lanes().front();
        const QPointF at = lane->mapTo(&w, QPoint(300, 10));
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        delete mime;
        // THEN an audio track and two MIDI tracks were added at 3 s, with their notes
        Session *s = w.session();
        QCOMPARE(s->trackCount(), 9);
        const Track &audio = s->tracks()[6];
        QCOMPARE(audio.kind, Track::Kind::Audio);
        QCOMPARE(audio.name, QStringLiteral("hit"));
        QCOMPARE(audio.clips.front().start, std::int64_t(3 * s->sampleRate()));
        QCOMPARE(audio.clips.front().length, std::int64_t(22050 * s->sampleRate() / 44100));
        QCOMPARE(s->tracks()[7].name, QStringLiteral("Lead"));
        QCOMPARE(s->tracks()[7].kind, Track::Kind::Midi);
        QCOMPARE(s->tracks()[8].clips.front().notes.size(), std::size_t(2));
        QCOMPARE(s->tracks()[8].clips.front().notes[1].start, std::int64_t(960 * s->tempoMap().ppq() / 480));
        QCOMPARE(w.timeline()->lanes().size(), 9);
        // AND one undo removes them all
        s->undoStack()->undo();
        QCOMPARE(s->trackCount(), 6);
    }

    void keyboardShortcutsAct()
    {
        // GIVEN the demo in a shown window, its engine clocked by hand (no device here)
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const QString copy = dir.filePath(QStringLiteral("copy.mirstudio"));
        QVERIFY(w.saveSession(copy));
        Engine *engine = w.playback()->engine();
        const int rate = w.session()->sampleRate();
        engine->prepare(rate, 512);
        std::vector<float> l(512), r(512);
        float *out[2] = {l.data(), r.data()};
        auto run = [&](int blocks) {
            for (int i = 0; i < blocks; ++i)
                engine->process(nullptr, 0, out, 2, 512);
            w.playback()->tick();
        };
        // WHEN Space THEN it plays and the playhead moves, on the timeline too
        QTest::keyClick(&w, Qt::Key_Space);
        run(20);
        QVERIFY(engine->isPlaying());
        QCOMPARE(engine->playhead(), std::int64_t(20 * 512));
        QCOMPARE(w.timeline()->playheadSeconds(), 20.0 * 512 / rate);
        // WHEN Space again THEN it pauses where it was
        QTest::keyClick(&w, Qt::Key_Space);
        run(1);
        QVERIFY(!engine->isPlaying());
        QCOMPARE(engine->playhead(), std::int64_t(20 * 512));
        // WHEN End, then Home THEN the playhead goes to the session end, then to 0
        QTest::keyClick(&w, Qt::Key_End);
        run(1);
        QCOMPARE(engine->playhead(), std::int64_t(std::llround(w.timeline()->sessionSeconds() * rate)));
        QTest::keyClick(&w, Qt::Key_Home);
        run(1);
        QCOMPARE(engine->playhead(), std::int64_t(0));
        // WHEN L THEN the session loops (one undo step)
        QTest::keyClick(&w, Qt::Key_L);
        QVERIFY(w.session()->loop().enabled);
        QVERIFY(w.session()->loop().end > w.session()->loop().start);
        run(1);
        QVERIFY(engine->isLooping());
        // WHEN a range is Shift+dragged on the ruler THEN it becomes the loop (enabled)
        w.timeline()->axis()->setPixelsPerSecond(100);
        w.timeline()->axis()->setLeftSeconds(0);
        auto *ruler = w.timeline()->ruler();
        QTest::mousePress(ruler, Qt::LeftButton, Qt::ShiftModifier, QPoint(100, 10));
        QMouseEvent drag(QEvent::MouseMove, QPointF(350, 10), ruler->mapToGlobal(QPointF(350, 10)),
                         Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        QCoreApplication::sendEvent(ruler, &drag);
        QTest::mouseRelease(ruler, Qt::LeftButton, Qt::ShiftModifier, QPoint(350, 10));
        QCOMPARE(w.session()->loop().start, std::int64_t(1 * rate));
        QCOMPARE(w.session()->loop().end, std::int64_t(3.5 * rate));
        QVERIFY(w.session()->loop().enabled);
        // WHEN + and - THEN the zoom grows and shrinks
        const double pps = w.timeline()->axis()->pixelsPerSecond();
        QTest::keyClick(&w, Qt::Key_Plus);
        QVERIFY(w.timeline()->axis()->pixelsPerSecond() > pps);
        QTest::keyClick(&w, Qt::Key_Minus);
        QVERIFY(std::abs(w.timeline()->axis()->pixelsPerSecond() - pps) < 1e-9);
        // WHEN Ctrl+A, Delete THEN every clip is gone; Ctrl+Z brings them back, Ctrl+Shift+Z redoes
        QTest::keyClick(&w, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(w.timeline()->selection().size(), std::size_t(5));
        QTest::keyClick(&w, Qt::Key_Delete);
        QVERIFY(w.session()->tracks()[1].clips.empty());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w.session()->tracks()[1].clips.size(), std::size_t(1));
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(w.session()->tracks()[1].clips.empty());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        // WHEN one clip is selected, Ctrl+D THEN a copy follows it; Ctrl+C, Ctrl+V paste at the playhead
        const Track &melody = w.session()->tracks()[1];
        w.timeline()->setSelection({{melody.id, melody.clips[0].id}});
        QTest::keyClick(&w, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(w.session()->tracks()[1].clips.size(), std::size_t(2));
        QCOMPARE(w.session()->tracks()[1].clips[1].start, w.session()->tracks()[1].clips[0].length);
        QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(w.session()->tracks()[1].clips.size(), std::size_t(3));
        QCOMPARE(w.session()->tracks()[1].clips[2].start, std::int64_t(0));
        // WHEN a piano roll has the focus THEN Ctrl+A and Delete act on its notes, not on clips
        auto *roll = qobject_cast<widgets::PianoRollLane *>(w.timeline()->laneFor(melody.id));
        QVERIFY(roll);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        roll->setFocus();
        QCOMPARE(QApplication::focusWidget(), roll);
        roll->setActiveClip(w.session()->tracks()[1].clips[0].id);
        QTest::keyClick(&w, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(roll->selection().size(), w.session()->tracks()[1].clips[0].notes.size());
        QTest::keyClick(&w, Qt::Key_Delete);
        QCOMPARE(w.session()->tracks()[1].clips.size(), std::size_t(3));
        QVERIFY(w.session()->tracks()[1].clips[0].notes.empty());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!w.session()->tracks()[1].clips[0].notes.empty());
        w.timeline()->setFocus();
        // WHEN Ctrl+S THEN the copy on disk holds the three clips
        QVERIFY(!w.session()->undoStack()->isClean());
        QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(w.session()->undoStack()->isClean());
        Session reread;
        reread.load(copy);
        QCOMPARE(reread.tracks()[1].clips.size(), std::size_t(3));
        engine->release();
    }

    void exportsReadBackEqual()
    {
        // GIVEN the demo session
        QTemporaryDir dir;
        Session s;
        s.load(QStringLiteral(MIRSTUDIO_DEMO_SESSION));
        SessionData data = s.data();
        // WHEN the MIDI is exported at 480 and 960 PPQ THEN the notes read back equal, in order
        std::vector<std::tuple<std::int64_t, int, std::int64_t>> expected; // tick@960, pitch, length
        for (const Track &t : data.tracks)
            if (t.kind == Track::Kind::Midi)
                for (const MidiNote &n : t.clips.front().notes)
                    expected.emplace_back(n.start, n.pitch, n.length);
        std::sort(expected.begin(), expected.end());
        for (int ppq : {480, 960}) {
            const QString path = dir.filePath(QStringLiteral("out%1.mid").arg(ppq));
            SessionExporter(data).exportMidi(path, ppq);
            const media::MidiFile back = media::readMidiFile(path);
            QCOMPARE(back.ppq, ppq);
            QCOMPARE(back.tempoMap.bpmAt(0), data.tempoMap.bpmAt(0));
            std::vector<std::tuple<std::int64_t, int, std::int64_t>> got;
            for (const auto &t : back.tracks)
                for (const auto &n : t.notes)
                    got.emplace_back(n.startTick * 960 / ppq, n.pitch, n.durationTicks() * 960 / ppq);
            std::sort(got.begin(), got.end());
            QCOMPARE(got.size(), expected.size());
            QVERIFY(got == expected);
        }
        // WHEN the annotations are exported THEN the CSV and .lab parse back to the chords
        const QStringList files = SessionExporter(data).exportAnnotations(dir.path());
        QCOMPARE(files.size(), 2);
        const Track &chords = data.tracks[5];
        QFile csv(dir.filePath(QStringLiteral("Chords.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList csvLines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csvLines.size(), int(chords.items.size()) + 1);
        QFile lab(dir.filePath(QStringLiteral("Chords.lab")));
        QVERIFY(lab.open(QIODevice::ReadOnly));
        const QStringList labLines = QString::fromUtf8(lab.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(labLines.size(), int(chords.items.size()));
        for (int i = 0; i < labLines.size(); ++i) {
            const QStringList lf = labLines[i].split(QLatin1Char('\t'));
            const QStringList cf = csvLines[i + 1].split(QLatin1Char(','));
            QCOMPARE(lf.size(), 3);
            QCOMPARE(lf[2], chords.items[std::size_t(i)].text);
            QCOMPARE(cf[3], chords.items[std::size_t(i)].text);
            QVERIFY(std::abs(lf[0].toDouble() - double(chords.items[std::size_t(i)].start) / data.sampleRate) < 1e-6);
            if (i + 1 < labLines.size()) // segments are contiguous
                QCOMPARE(lf[1], labLines[i + 1].split(QLatin1Char('\t'))[0]);
        }
        // WHEN the audio-only mix is exported THEN it equals OfflineBounce's render of the same plan
        SessionData audioOnly = data;
        audioOnly.tracks = {data.tracks.front()};
        audioOnly.tracks.front().mute = false;
        const QString wav = dir.filePath(QStringLiteral("mix.wav"));
        const std::int64_t frames = SessionExporter(audioOnly).exportMixdown(wav);
        const media::AudioData back = media::readAudio(wav);
        PlanBuilder builder;
        const media::AudioData direct = OfflineBounce::render(builder.build(audioOnly), OfflineBounce::Options{});
        QCOMPARE(back.frames(), frames);
        QVERIFY(back == direct);
        QVERIFY(back.peak() > 0.05f);
        // WHEN a stem group is exported THEN `<track>_(<stem>).wav` holds the stem at its gain
        SessionData stems = data;
        Track group;
        group.id = TrackId::create();
        group.kind = Track::Kind::StemGroup;
        group.name = QStringLiteral("Mix");
        group.stems.push_back({data.tracks.front().clips.front().source, QStringLiteral("vocals"), -6.0, false, false});
        stems.tracks.push_back(group);
        const QStringList stemFiles = SessionExporter(stems).exportStems(dir.path());
        QCOMPARE(stemFiles, QStringList{dir.filePath(QStringLiteral("Mix_(vocals).wav"))});
        const media::AudioData stem = media::readAudio(stemFiles.front());
        const media::AudioData source = media::readAudio(s.mediaPool().source(group.stems[0].source)->path);
        QCOMPARE(stem.frames(), source.frames());
        QVERIFY(std::abs(stem.peak() - source.peak() * float(std::pow(10.0, -6.0 / 20.0))) < 1e-4f);
    }

    void mixdownRunsAsAJobWithProgress()
    {
        // GIVEN the demo WHEN the mixdown is exported from the window
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const QString flac = dir.filePath(QStringLiteral("mix.flac"));
        const int id = w.exportMixdown(flac);
        // THEN a job row runs it on a worker and ends with the frames written
        QVERIFY(id < 0);
        QVERIFY(w.jobPanel()->contains(id));
        QTRY_VERIFY_WITH_TIMEOUT(w.jobPanel()->statusText(id).contains(QStringLiteral("written")) ||
                                 w.jobPanel()->statusText(id).startsWith(QStringLiteral("failed")), 120000);
        if (w.jobPanel()->statusText(id).contains(QStringLiteral("SoundFont")))
            QSKIP("no General MIDI SoundFont installed for the demo's MIDI tracks");
        QVERIFY2(w.jobPanel()->statusText(id).contains(QStringLiteral("written")), qPrintable(w.jobPanel()->statusText(id)));
        QCOMPARE(w.jobPanel()->progressPercent(id), 100);
        const media::AudioData mix = media::readAudio(flac);
        QVERIFY(mix.frames() > 0);
        QVERIFY(mix.peak() > 0.05f);
    }

    void timelinePngIsTheVisibleTimeline()
    {
        // GIVEN the demo in a window WHEN the timeline is exported as PNG THEN it has the timeline's size
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        w.resize(1200, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openSession(QStringLiteral(MIRSTUDIO_DEMO_SESSION)));
        const QString png = dir.filePath(QStringLiteral("timeline.png"));
        QVERIFY(w.exportTimelinePng(png));
        QCOMPARE(QImage(png).size(), w.timeline()->size());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
