// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/mainwindow.h"
#include "app/gui/pendingstemgroups.h"
#include "app/gui/separatedialog.h"
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/media/audiofile.h"
#include "core/media/audiofilewriter.h"
#include "core/session/session.h"
#include "widgets/lane.h"
#include "widgets/pluginpanel.h"
#include "widgets/stemgrouplane.h"
#include "widgets/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mirstudio;

/** "Separate…" in the window, against the host's fixture plugin "fakeseparate". */
class TestSeparate : public QObject
{
    Q_OBJECT
private:
    /** A window (non-interactive) with one audio track: a 2 s stereo 440 Hz tone at 48 kHz. */
    static TrackId toneTrack(MainWindow &w, const QTemporaryDir &dir, media::AudioData *tone)
    {
        w.setInteractive(false);
        tone->sampleRate = w.session()->sampleRate();
        tone->channels.assign(2, std::vector<float>(size_t(2 * tone->sampleRate)));
        for (size_t i = 0; i < tone->channels[0].size(); ++i)
            tone->channels[0][i] = tone->channels[1][i] = 0.5f * float(std::sin(2.0 * M_PI * 440.0 * double(i) / tone->sampleRate));
        const QString path = dir.filePath(QStringLiteral("tone.wav"));
        media::writeAudio(path, *tone, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
        if (!w.saveSession(dir.filePath(QStringLiteral("s.mirstudio"))) || !w.importFiles({path}))
            return {};
        return w.session()->tracks().back().id;
    }

    static const Track *stemGroup(const Session &s)
    {
        for (const Track &t : s.tracks())
            if (t.kind == Track::Kind::StemGroup)
                return &t;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MIR Studio tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_separate"));
        QSettings().clear();
        qputenv("MIRSTUDIO_PLUGIN_PATH", MIRSTUDIO_BINARY_DIR "/tests/host/plugins");
    }

    void dialogListsTheSeparateMethodsAndRunsTheChosenOne()
    {
        // GIVEN a window whose host found the fixture plugins
        MainWindow w;
        QVERIFY2(w.pluginHost()->plugin(QStringLiteral("fakeseparate")), "fixture plugin fakeseparate not built");
        // WHEN the separate choices are listed
        const auto choices = SeparateDialog::choices(*w.pluginHost());
        // THEN only separate methods are offered, fakeseparate's among them
        int fake = -1;
        for (int i = 0; i < choices.size(); ++i) {
            QCOMPARE(choices[i].method.capability, sdk::Capability::Separate);
            if (choices[i].plugin == QLatin1String("fakeseparate"))
                fake = i;
        }
        QVERIFY(fake >= 0);
        // AND choosing it shows its parameters in the generic panel; Run accepts with them
        SeparateDialog dialog(*w.pluginHost());
        dialog.choose(fake);
        QCOMPARE(dialog.plugin(), QStringLiteral("fakeseparate"));
        QVERIFY(dialog.panel()->field(QStringLiteral("chunks")));
        dialog.panel()->setValue(QStringLiteral("chunks"), 3);
        QVERIFY(dialog.panel()->runButton()->isEnabled());
        QTest::mouseClick(dialog.panel()->runButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.method().id, QStringLiteral("separate"));
        QCOMPARE(dialog.parameters().value(QStringLiteral("chunks")).toInt(), 3);
    }

    void separatingShowsAPendingGroupThenTheStemsAsOneUndoStep()
    {
        // GIVEN a saved session with one audio track
        QTemporaryDir dir;
        MainWindow w;
        media::AudioData tone;
        const TrackId track = toneTrack(w, dir, &tone);
        QVERIFY(!track.isNull());
        QCOMPARE(w.session()->trackCount(), 1);
        const int undoBefore = w.session()->undoStack()->index();
        // WHEN the track is separated by a chunked model publishing partial stems
        const int id = w.separateTrack(track, QStringLiteral("fakeseparate"), QStringLiteral("separate"),
                                       {{QStringLiteral("chunks"), 4}, {QStringLiteral("delay"), 300}});
        QVERIFY(id > 0);
        // THEN while it runs a pending stem group with both stems is in the session (playable)
        QTRY_VERIFY_WITH_TIMEOUT(!w.pendingStems()->pendingTrack(id).isNull(), 20000);
        QVERIFY(!isFinished(w.jobRunner()->info(id).state));
        const Track *pending = w.session()->track(w.pendingStems()->pendingTrack(id));
        QVERIFY(pending);
        QCOMPARE(pending->kind, Track::Kind::StemGroup);
        QCOMPARE(int(pending->stems.size()), 2);
        QCOMPARE(w.session()->trackCount(), 2);
        // AND when it is done the final group replaced the pending one: one group, one undo step
        QVERIFY(w.jobRunner()->wait(id, 60000));
        QTRY_VERIFY(w.pendingStems()->pendingTrack(id).isNull());
        QTRY_COMPARE(w.session()->trackCount(), 2);
        QCOMPARE(w.session()->undoStack()->index(), undoBefore + 1);
        const Track *group = stemGroup(*w.session());
        QVERIFY(group);
        QCOMPARE(int(group->stems.size()), 2);
        // AND the stems hold the model's output for the whole clip (0.25 and 0.75 of the mix)
        const float scale[] = {0.25f, 0.75f};
        for (int s = 0; s < 2; ++s) {
            const media::AudioData stem = media::readAudio(w.session()->mediaPool().source(group->stems[size_t(s)].source)->path);
            QCOMPARE(stem.frames(), tone.frames());
            float worst = 0.0f;
            for (size_t i = 0; i < stem.channels[0].size(); ++i)
                worst = std::max(worst, std::abs(stem.channels[0][i] - scale[s] * tone.channels[0][i]));
            QVERIFY2(worst < 1e-5f, qPrintable(QStringLiteral("stem %1 off by %2").arg(s).arg(worst)));
        }
        // AND the group's lane gets the stems' and the original's audio: A/B/X at matched loudness
        widgets::StemGroupLane *lane = nullptr;
        for (widgets::Lane *l : w.timeline()->lanes())
            if (l->trackId() == group->id)
                lane = qobject_cast<widgets::StemGroupLane *>(l);
        QVERIFY(lane);
        lane->setCompareStem(0);
        // "quarter" is 12.04 dB below the original, so it is raised that much more than the original
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(lane->comparison().gainDbA() - lane->comparison().gainDbB() - 12.041) < 0.05, 10000);
        // AND the replaced partial stems left no files behind: only the final two remain
        const QStringList wavs = QDir(w.jobMediaFolder()).entryList({QStringLiteral("*.wav")}, QDir::Files);
        QCOMPARE(wavs.size(), 2);
        QVERIFY(!w.session()->undoStack()->canRedo());
        // AND one undo takes the whole separation away
        w.session()->undoStack()->undo();
        QCOMPARE(w.session()->trackCount(), 1);
        QVERIFY(!stemGroup(*w.session()));
    }

    void aCancelledSeparationLeavesNothing()
    {
        // GIVEN a separation running with a pending group
        QTemporaryDir dir;
        MainWindow w;
        media::AudioData tone;
        const TrackId track = toneTrack(w, dir, &tone);
        const int id = w.separateTrack(track, QStringLiteral("fakeseparate"), QStringLiteral("separate"),
                                       {{QStringLiteral("chunks"), 8}, {QStringLiteral("delay"), 300}});
        QTRY_VERIFY_WITH_TIMEOUT(!w.pendingStems()->pendingTrack(id).isNull(), 20000);
        // WHEN it is cancelled
        w.jobRunner()->cancel(id);
        QVERIFY(w.jobRunner()->wait(id, 60000));
        // THEN the pending group goes and no stem group is left
        QTRY_VERIFY(w.pendingStems()->pendingTrack(id).isNull());
        QTRY_COMPARE(w.session()->trackCount(), 1);
        QVERIFY(!stemGroup(*w.session()));
        // AND nothing of it can be redone, and its files are gone
        QVERIFY(!w.session()->undoStack()->canRedo());
        QCOMPARE(QDir(w.jobMediaFolder()).entryList({QStringLiteral("*.wav")}, QDir::Files).size(), 0);
    }

    void separatingWhatIsNotAnAudioTrackIsRefused()
    {
        // GIVEN the window with no track
        MainWindow w;
        w.setInteractive(false);
        // WHEN a track that is not there is separated THEN it is refused with a reason
        QCOMPARE(w.separateTrack(TrackId::create(), QStringLiteral("fakeseparate"), QStringLiteral("separate"), {}), -1);
        QVERIFY(!w.lastError().isEmpty());
    }
};

QTEST_MAIN(TestSeparate)
#include "tst_separate.moc"
