// SPDX-License-Identifier: GPL-3.0-or-later
// The latent explorer driven by the "latentfixture" plugin: a linear model whose 4-D code is
// [mean pitch, notes per second, mean velocity, mean duration] and whose decode writes one
// 2-second bar of round(density * 2) notes at the code's pitch.
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/session/session.h"
#include "widgets/latentexplorer.h"

#include "widgets/qcustomplotheader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

/** `count` notes of `pitch` over 2 s: the fixture encodes it as [pitch, count/2, velocity, 0.2]. */
sdk::NoteSequence bar(int pitch, int count, int velocity = 90)
{
    sdk::NoteSequence seq;
    for (int i = 0; i < count; ++i)
        seq.notes.push_back({pitch, velocity, i * 2.0 / count, 0.2, 0, 0});
    seq.duration = 2.0;
    return seq;
}

} // namespace

class TstLatentExplorer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PluginHost> m_host;
    std::unique_ptr<JobRunner> m_runner;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<LatentExplorer> m_explorer;
    QTemporaryDir m_media;

private Q_SLOTS:
    void init()
    {
        m_host = std::make_unique<PluginHost>(QStringList{QStringLiteral(MIRSTUDIO_LATENT_FIXTURE_DIR)});
        m_host->discover();
        m_runner = std::make_unique<JobRunner>(m_host.get());
        m_session = std::make_unique<Session>();
        m_explorer = std::make_unique<LatentExplorer>(m_runner.get(), m_session.get(), m_media.path());
        QVERIFY2(m_explorer->setPlugin(QStringLiteral("latentfixture")), qPrintable(m_explorer->error()));
        // GIVEN a corpus of three bars: low and sparse, middle, high and dense
        QCOMPARE(m_explorer->addCorpus({bar(48, 2), bar(60, 4), bar(72, 8)}, {}), 3);
        m_explorer->resize(1000, 700);
        m_explorer->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_explorer.get()));
        m_explorer->map()->replot();
    }

    void cleanup()
    {
        m_explorer.reset();
        m_runner.reset();
        m_session.reset();
        m_host.reset();
    }

    void encodesTheCorpusIntoTheModelSpace()
    {
        // THEN each piece has its 4-D code and its attributes, and the map is a PCA
        const auto &items = m_explorer->corpus().items();
        QCOMPARE(m_explorer->dimensions(), 4);
        QCOMPARE(items[1].code[0], 60.0);
        QCOMPARE(items[2].code[1], 4.0);
        QCOMPARE(items[0].attributes.value(QStringLiteral("density")), 1.0);
        QVERIFY(m_explorer->projection().isPca());
        QCOMPARE(m_explorer->dimensionSlider(3)->objectName(), QStringLiteral("dim3"));
    }

    void clickingTheMapYieldsAClipAndUndoRemovesIt()
    {
        QSignalSpy added(m_explorer.get(), &LatentExplorer::clipsAdded);
        QVERIFY(m_session->tracks().empty());
        // WHEN the user clicks the middle piece's point on the map
        const auto &middle = m_explorer->corpus().items()[1];
        const QPoint pixel = m_explorer->pixelFor(m_explorer->projection().project(middle.code));
        QTest::mouseClick(m_explorer->map(), Qt::LeftButton, {}, pixel);
        // THEN (once the background decode is done) the decoded bar (4 notes at pitch 60) is a
        // MIDI clip on the timeline
        QTRY_COMPARE(added.count(), 1);
        QTRY_VERIFY(!m_explorer->isDecoding());
        QCOMPARE(m_session->tracks().size(), size_t(1));
        const Track &track = m_session->tracks().front();
        QCOMPARE(track.kind, Track::Kind::Midi);
        QCOMPARE(track.clips.size(), size_t(1));
        QCOMPARE(track.clips.front().notes.size(), size_t(4));
        QCOMPARE(track.clips.front().notes.front().pitch, 60);
        QCOMPARE(m_explorer->lastDecoded().notes.size(), size_t(4));
        // AND one undo removes it
        QCOMPARE(m_session->undoStack()->count(), 1);
        m_session->undoStack()->undo();
        QVERIFY(m_session->tracks().empty());
    }

    void clickingEmptySpaceDecodesTheProjectedCode()
    {
        // WHEN the user clicks between the points
        const auto &items = m_explorer->corpus().items();
        const QPointF a = m_explorer->projection().project(items[0].code);
        const QPointF b = m_explorer->projection().project(items[1].code);
        QTest::mouseClick(m_explorer->map(), Qt::LeftButton, {}, m_explorer->pixelFor((a + b) / 2));
        // THEN the code projects back onto the clicked point (within a pixel) and gets a clip
        const QPoint back = m_explorer->pixelFor(m_explorer->projection().project(m_explorer->code()));
        QVERIFY((back - m_explorer->pixelFor((a + b) / 2)).manhattanLength() <= 2);
        QTRY_COMPARE(m_session->tracks().size(), size_t(1));
        const int pitch = m_session->tracks().front().clips.front().notes.front().pitch;
        QVERIFY2(pitch > 48 && pitch < 60, qPrintable(QString::number(pitch)));
    }

    void slidersAndCodeFollowEachOther()
    {
        // WHEN the pitch slider moves to its top
        QSlider *pitch = m_explorer->dimensionSlider(0);
        pitch->setValue(pitch->maximum());
        // THEN the code's pitch is the top of the slider's range (corpus 48..72 widened by 6)
        QCOMPARE(m_explorer->code()[0], 78.0);
        // AND the decoded notes (decoded in the background) sound at that pitch, with the attribute read back
        QTRY_VERIFY(!m_explorer->isDecoding());
        QVERIFY(!m_explorer->lastDecoded().notes.empty());
        QCOMPARE(m_explorer->lastDecoded().notes.front().pitch, 78);
        QCOMPARE(m_explorer->readBack().value(QStringLiteral("pitch")), 78.0);
        // WHEN the code is set directly THEN the sliders follow
        std::vector<double> code = m_explorer->code();
        code[1] = 3.0;
        m_explorer->setCode(code);
        const QSlider *density = m_explorer->dimensionSlider(1);
        // density range 1..4 widened by max(0.75, 1) = 0..5: 3.0 is 60 % of it
        QCOMPARE(density->value(), 600);
    }

    void variationsAddOneBarEach()
    {
        // GIVEN three variations
        m_explorer->setVariations(3);
        m_explorer->setCode(m_explorer->corpus().items()[1].code);
        // WHEN decoded THEN three bars come back, the first one exact
        const sdk::NoteSequence notes = m_explorer->decodeCurrent(false);
        QCOMPARE(notes.duration, 6.0);
        QCOMPARE(notes.notes.front().pitch, 60);
        QVERIFY(notes.notes.size() > 4);
    }

    void interpolatingNStepsGivesNClips()
    {
        // WHEN the low and high pieces are interpolated in 5 steps
        const QList<TrackId> tracks = m_explorer->interpolate(0, 2, 5);
        // THEN five clips, one undo step each, pitches going 48 → 72 evenly
        QCOMPARE(tracks.size(), 5);
        QCOMPARE(m_session->tracks().size(), size_t(5));
        QCOMPARE(m_session->undoStack()->count(), 5);
        const int expected[] = {48, 54, 60, 66, 72};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_session->tracks()[size_t(i)].clips.front().notes.front().pitch, expected[i]);
        m_session->undoStack()->undo();
        QCOMPARE(m_session->tracks().size(), size_t(4));
    }

    void aControlChangeMovesASlider()
    {
        // GIVEN CC 74 on channel 1 bound to the pitch dimension's slider (0..1 of its range)
        QVERIFY(m_explorer->ccMap().map(0, 74, LatentExplorer::dimensionParameter(0), 0.0, 1.0));
        QVERIFY(m_explorer->ccMap().map(0, 75, QStringLiteral("temperature"), 0.0, 2.0));
        // WHEN the controller sends 127 THEN the slider is at the top and the code follows
        QVERIFY(m_explorer->handleControlChange(0, 74, 127));
        QCOMPARE(m_explorer->dimensionSlider(0)->value(), m_explorer->dimensionSlider(0)->maximum());
        QCOMPARE(m_explorer->code()[0], 78.0);
        // AND the temperature CC moves the temperature slider
        QVERIFY(m_explorer->handleControlChange(0, 75, 127));
        QCOMPARE(m_explorer->temperature(), 2.0);
        // AND an unbound controller moves nothing
        QVERIFY(!m_explorer->handleControlChange(0, 10, 64));
        // AND the decode runs in the background and ends at the top pitch (note 1: no temperature wobble)
        QTRY_VERIFY(!m_explorer->isDecoding());
        QVERIFY(m_explorer->lastDecoded().notes.size() > 1);
        QCOMPARE(m_explorer->lastDecoded().notes[1].pitch, 78);
    }

    void midiLearnBindsTheNextControlChange()
    {
        QSignalSpy changed(m_explorer.get(), &LatentExplorer::ccMappingsChanged);
        // GIVEN learn mode on the density slider
        m_explorer->startMidiLearn(LatentExplorer::dimensionParameter(1));
        // WHEN CC 21 on channel 3 moves to its middle
        QVERIFY(m_explorer->handleControlChange(2, 21, 64));
        // THEN it is bound (the owner is told), the slider sits at 64/127 of its range
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_explorer->ccMap().mapping(2, 21)->parameterId, QStringLiteral("dim1"));
        QCOMPARE(m_explorer->dimensionSlider(1)->value(), int(std::lround(1000.0 * 64 / 127)));
        // AND later values of that CC move it, without learning again
        QVERIFY(m_explorer->handleControlChange(2, 21, 0));
        QCOMPARE(m_explorer->dimensionSlider(1)->value(), 0);
        QCOMPARE(changed.count(), 1);
        // AND the bindings survive a round trip through their text form (the preferences)
        const QStringList text = m_explorer->ccMappingsText();
        QCOMPARE(text, (QStringList{QStringLiteral("2:21:dim1:0:1")}));
        m_explorer->ccMap().clear();
        m_explorer->setCcMappingsText(text + QStringList{QStringLiteral("garbage"), QStringLiteral("1:x:dim0:0:1")});
        QCOMPARE(m_explorer->ccMap().mappings().size(), 1);
        QCOMPARE(m_explorer->ccMap().mapping(2, 21)->parameterId, QStringLiteral("dim1"));
    }

    void aBurstOfControlChangesFromAnotherThreadAppliesTheLatestOnce()
    {
        // GIVEN CC 74 bound to the pitch slider and CC 75 to the density slider
        QVERIFY(m_explorer->ccMap().map(0, 74, LatentExplorer::dimensionParameter(0), 0.0, 1.0));
        QVERIFY(m_explorer->ccMap().map(0, 75, LatentExplorer::dimensionParameter(1), 0.0, 1.0));
        QSignalSpy pitchMoves(m_explorer->dimensionSlider(0), &QSlider::valueChanged);
        QSignalSpy densityMoves(m_explorer->dimensionSlider(1), &QSlider::valueChanged);
        // WHEN a MIDI thread posts 100 values of CC 74 (ending at 127) and 3 of CC 75 (ending at 127)
        std::thread midi([this] {
            for (int v = 28; v <= 127; ++v)
                m_explorer->postControlChange(0, 74, v);
            for (int v : {0, 50, 127})
                m_explorer->postControlChange(0, 75, v);
        });
        midi.join();
        QVERIFY(pitchMoves.isEmpty()); // nothing applied on the MIDI thread
        // THEN one GUI pass applies only the latest value of each controller
        QTRY_COMPARE(pitchMoves.count(), 1);
        QCOMPARE(densityMoves.count(), 1);
        QCOMPARE(m_explorer->dimensionSlider(0)->value(), 1000);
        QCOMPARE(m_explorer->dimensionSlider(1)->value(), 1000);
        // AND the decodes that follow end with the latest code
        QTRY_VERIFY(!m_explorer->isDecoding());
        QCOMPARE(m_explorer->lastDecoded().notes.front().pitch, 78);
        QVERIFY2(m_explorer->decodeCount() <= 2, qPrintable(QString::number(m_explorer->decodeCount())));
    }

    void draggingDropsStaleDecodes()
    {
        QWidget *map = m_explorer->map();
        const auto &items = m_explorer->corpus().items();
        const QPoint from = m_explorer->pixelFor(m_explorer->projection().project(items[0].code));
        const QPoint to = m_explorer->pixelFor(m_explorer->projection().project(items[2].code));
        // WHEN the user drags from the low piece to the high one in 40 quick moves
        QTest::mousePress(map, Qt::LeftButton, {}, from);
        for (int i = 1; i <= 40; ++i) {
            const QPoint p = from + (to - from) * i / 40;
            QMouseEvent move(QEvent::MouseMove, p, map->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
            QApplication::sendEvent(map, &move);
        }
        QTest::mouseRelease(map, Qt::LeftButton, {}, to);
        // THEN the moves made while the press's decode ran replaced each other: one more decode
        QTRY_VERIFY(!m_explorer->isDecoding());
        QVERIFY2(m_explorer->decodeCount() <= 2, qPrintable(QString::number(m_explorer->decodeCount())));
        // AND the music ends at the drop point, and a drag adds no clip
        QCOMPARE(m_explorer->lastDecoded().notes.front().pitch, 72);
        QVERIFY(m_session->tracks().empty());
    }

    void aTrajectoryPlaysAsOneSequence()
    {
        std::vector<std::array<std::uint8_t, 3>> sent;
        m_explorer->setAuditionSink([&sent](std::uint8_t s, std::uint8_t d1, std::uint8_t d2) {
            sent.push_back({s, d1, d2});
            return true;
        });
        // GIVEN a straight trajectory from the low piece to the high one
        const auto &items = m_explorer->corpus().items();
        m_explorer->setCode(items[0].code);
        m_explorer->setTrajectory({m_explorer->projection().project(items[0].code),
                                   m_explorer->projection().project(items[2].code)});
        // WHEN it is played in 3 steps and sent to the timeline
        const sdk::NoteSequence notes = m_explorer->playTrajectory(3, true);
        // THEN three bars: the low piece (2 notes), the midpoint (pitch 60, density 2.5: 5 notes)
        // and the high piece (8 notes), landing as one clip
        QCOMPARE(notes.duration, 6.0);
        QCOMPARE(notes.notes.size(), size_t(15));
        QCOMPARE(notes.notes.front().pitch, 48);
        QCOMPARE(notes.notes[2].pitch, 60);
        QCOMPARE(notes.notes.back().pitch, 72);
        QCOMPARE(m_session->tracks().size(), size_t(1));
        // AND the first note-on was sent to the audition sink at once
        QVERIFY(!sent.empty());
        QCOMPARE(int(sent.front()[0]), 0x90);
        QCOMPARE(int(sent.front()[1]), 48);
        m_explorer->player().stop();
        QCOMPARE(int(sent.back()[0]), 0x80);
    }

    void decodeLatencyIsReported()
    {
        // GIVEN the current code at the middle piece
        m_explorer->setCode(m_explorer->corpus().items()[1].code);
        // WHEN it is decoded 50 times (a job each on the runner, waited for, plus the read-back encode)
        std::vector<double> ms;
        for (int i = 0; i < 50; ++i) {
            QElapsedTimer clock;
            clock.start();
            QCOMPARE(m_explorer->decodeCurrent(false).notes.size(), size_t(4));
            ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("decode + read-back through JobRunner (latentfixture): median %.3f ms, max %.3f ms",
              ms[ms.size() / 2], ms.back());
        // THEN the median fits one 60 Hz frame (the fixture model costs nothing: this is host overhead)
        QVERIFY2(ms[ms.size() / 2] < 16.7, qPrintable(QString::number(ms[ms.size() / 2])));
    }

    void ctrlClickSelectsTwoPointsForInterpolation()
    {
        const auto &items = m_explorer->corpus().items();
        for (int i : {0, 1, 2})
            QTest::mouseClick(m_explorer->map(), Qt::LeftButton, Qt::ControlModifier,
                              m_explorer->pixelFor(m_explorer->projection().project(items[size_t(i)].code)));
        QCOMPARE(m_explorer->selection(), (QList<int>{1, 2}));
        QVERIFY(m_session->tracks().empty());
    }
};

QTEST_MAIN(TstLatentExplorer)
#include "tst_latentexplorer.moc"
