// SPDX-License-Identifier: GPL-3.0-or-later
// The latent explorer dock with the REAL dmelodies and fadernets plugins (shipped weights), loaded
// through the host from <build>/plugins: a click on the map gives an undoable MIDI clip, a MIDI
// controller (through MidiConnections' control-change tap, as the input thread delivers it) moves
// the learnt slider and decodes, and a burst of drag updates ends with the last one's result.
#include "app/gui/latentexplorerdock.h"
#include "app/gui/midiconnections.h"
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/session/session.h"
#include "widgets/latentexplorer.h"

#include "widgets/qcustomplotheader.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

/** dMelodies melodies made from a few factor settings (its generate method needs no weights). */
std::vector<sdk::NoteSequence> generatedMelodies(PluginHost *host)
{
    JobRunner runner(host);
    std::vector<sdk::NoteSequence> pieces;
    const int settings[][3] = {{0, 0, 0}, {5, 1, 7}, {9, 2, 13}, {2, 0, 21}, {7, 1, 3}, {11, 2, 27}};
    for (const auto &s : settings) {
        JobRequest request;
        request.plugin = QStringLiteral("dmelodies");
        request.method = QStringLiteral("generate");
        request.params = {{QStringLiteral("tonic"), s[0]}, {QStringLiteral("scale"), s[1]},
                          {QStringLiteral("rhythm_bar1"), s[2]}, {QStringLiteral("rhythm_bar2"), 27 - s[2]}};
        const int id = runner.submit(request);
        runner.wait(id);
        const JobInfo info = runner.info(id);
        const auto it = info.outputs.constFind(QStringLiteral("notes"));
        if (info.state == JobState::Done && it != info.outputs.cend())
            pieces.push_back(std::get<sdk::NoteSequence>(it.value()));
    }
    return pieces;
}

bool sameNotes(const sdk::NoteSequence &a, const sdk::NoteSequence &b)
{
    return std::equal(a.notes.cbegin(), a.notes.cend(), b.notes.cbegin(), b.notes.cend(),
                      [](const sdk::Note &x, const sdk::Note &y) {
                          return x.pitch == y.pitch && qFuzzyCompare(1.0 + x.start, 1.0 + y.start)
                              && qFuzzyCompare(1.0 + x.duration, 1.0 + y.duration);
                      });
}

} // namespace

class TstLatentExplorerDock : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PluginHost> m_host;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<LatentExplorerDock> m_dock;
    LatentExplorer *m_explorer = nullptr;
    QTemporaryDir m_media;

    /** The dock on `plugin` with the generated melodies as its corpus, shown. */
    void openOn(const QString &plugin)
    {
        m_explorer = m_dock->explorer();
        QVERIFY2(m_explorer->setPlugin(plugin), qPrintable(m_explorer->error()));
        QVERIFY(m_explorer->addCorpus(generatedMelodies(m_host.get()), {}) >= 4);
        QVERIFY(m_explorer->dimensions() > 1);
        m_dock->resize(1100, 800);
        m_dock->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
        m_explorer->map()->replot();
    }

    void pluginData()
    {
        QTest::addColumn<QString>("plugin");
        QTest::newRow("dmelodies") << QStringLiteral("dmelodies");
        QTest::newRow("fadernets") << QStringLiteral("fadernets");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mirstudio-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_latentexplorerdock"));
    }

    void init()
    {
        QSettings().remove(LatentExplorerDock::ccSettingsKey());
        m_host = std::make_unique<PluginHost>(QStringList{QStringLiteral(MIRSTUDIO_BINARY_DIR "/plugins")});
        m_host->discover();
        for (const QString &id : {QStringLiteral("dmelodies"), QStringLiteral("fadernets")}) {
            const PluginSpec *spec = m_host->plugin(id);
            if (!spec)
                QSKIP("the dmelodies and fadernets plugins are not built (MIRSTUDIO_WITH_TORCH=OFF)");
            QVERIFY2(!spec->hasError(), qPrintable(spec->errorString()));
        }
        m_session = std::make_unique<Session>();
        m_dock = std::make_unique<LatentExplorerDock>(m_host.get(), m_session.get(), nullptr, m_media.path());
    }

    void cleanup()
    {
        m_dock.reset();
        m_session.reset();
        m_host.reset();
    }

    void theDockOffersBothLatentPlugins()
    {
        // THEN the model box lists dmelodies and fadernets (and nothing without the latent capability)
        auto *box = m_dock->findChild<QComboBox *>();
        QVERIFY(box);
        QStringList ids;
        for (int i = 0; i < box->count(); ++i)
            ids << box->itemData(i).toString();
        QVERIFY2(ids.contains(QStringLiteral("dmelodies")) && ids.contains(QStringLiteral("fadernets")),
                 qPrintable(ids.join(u',')));
        QVERIFY(!ids.contains(QStringLiteral("example_gain")));
    }

    void clickingTheMapYieldsAClipAndUndoRemovesIt_data() { pluginData(); }
    void clickingTheMapYieldsAClipAndUndoRemovesIt()
    {
        QFETCH(QString, plugin);
        openOn(plugin);
        QSignalSpy added(m_explorer, &LatentExplorer::clipsAdded);
        // WHEN the user clicks the third piece's point on the map
        const auto &item = m_explorer->corpus().items()[2];
        QTest::mouseClick(m_explorer->map(), Qt::LeftButton, {}, m_explorer->pixelFor(m_explorer->projection().project(item.code)));
        // THEN the decoded music becomes one MIDI clip with notes, one undo step
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 10000);
        QCOMPARE(m_session->tracks().size(), size_t(1));
        const Track &track = m_session->tracks().front();
        QCOMPARE(track.kind, Track::Kind::Midi);
        QCOMPARE(track.clips.size(), size_t(1));
        QVERIFY(!track.clips.front().notes.empty());
        QCOMPARE(track.clips.front().notes.size(), m_explorer->lastDecoded().notes.size());
        QCOMPARE(m_session->undoStack()->count(), 1);
        // AND Ctrl+Z (the undo stack) removes it
        m_session->undoStack()->undo();
        QVERIFY(m_session->tracks().empty());
    }

    void aControlChangeMovesTheLearntSliderAndDecodes_data() { pluginData(); }
    void aControlChangeMovesTheLearntSliderAndDecodes()
    {
        QFETCH(QString, plugin);
        openOn(plugin);
        QSlider *slider = m_explorer->dimensionSlider(1);
        // GIVEN the second dimension's slider in MIDI learn mode
        m_explorer->startMidiLearn(LatentExplorer::dimensionParameter(1));
        const int before = m_explorer->decodeCount();
        // WHEN CC 20 on channel 1 arrives from the MIDI input thread (the listener's tap) at 127
        const unsigned char cc[] = {0xB0, 20, 127};
        MidiConnections::tapControlChange(cc, 3);
        // THEN the slider goes to the top of its range, the binding is stored in the preferences
        QTRY_COMPARE(slider->value(), slider->maximum());
        QCOMPARE(QSettings().value(LatentExplorerDock::ccSettingsKey()).toStringList(), (QStringList{QStringLiteral("0:20:dim1:0:1")}));
        // AND a decode of the new code ran in the background
        QTRY_VERIFY_WITH_TIMEOUT(!m_explorer->isDecoding(), 10000);
        QVERIFY(m_explorer->decodeCount() > before);
        const sdk::NoteSequence background = m_explorer->lastDecoded();
        QVERIFY(!background.notes.empty());
        QVERIFY(sameNotes(background, m_explorer->decodeCurrent(false)));
        // WHEN the controller goes to 0 THEN the slider follows (no new learning)
        const unsigned char low[] = {0xB0, 20, 0};
        MidiConnections::tapControlChange(low, 3);
        QTRY_COMPARE(slider->value(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_explorer->isDecoding(), 10000);
        // AND a new dock (the next run) reads the binding back from the preferences
        LatentExplorerDock again(m_host.get(), m_session.get(), nullptr, m_media.path());
        QCOMPARE(again.explorer()->ccMappingsText(), (QStringList{QStringLiteral("0:20:dim1:0:1")}));
    }

    void aBurstOfDragUpdatesEndsWithTheLastOne_data() { pluginData(); }
    void aBurstOfDragUpdatesEndsWithTheLastOne()
    {
        QFETCH(QString, plugin);
        openOn(plugin);
        QWidget *map = m_explorer->map();
        const auto &items = m_explorer->corpus().items();
        const QPoint from = m_explorer->pixelFor(m_explorer->projection().project(items[0].code));
        const QPoint to = m_explorer->pixelFor(m_explorer->projection().project(items.back().code));
        // WHEN the user drags in 100 moves, letting the event loop run between them
        QTest::mousePress(map, Qt::LeftButton, {}, from);
        double slowest = 0;
        for (int i = 1; i <= 100; ++i) {
            const QPoint p = from + (to - from) * i / 100 + QPoint(0, (i % 7) - 3);
            QMouseEvent move(QEvent::MouseMove, p, map->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
            QElapsedTimer clock;
            clock.start();
            QApplication::sendEvent(map, &move);
            slowest = std::max(slowest, double(clock.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();
        }
        QTest::mouseRelease(map, Qt::LeftButton, {}, to);
        QTRY_VERIFY_WITH_TIMEOUT(!m_explorer->isDecoding(), 10000);
        const int decodes = m_explorer->decodeCount();
        qInfo("%s: 100 drag moves gave %d background decodes; slowest move handler %.2f ms",
              qPrintable(plugin), decodes, slowest);
        // THEN the moves never waited for a decode (the GUI thread only queues it)
        QVERIFY2(slowest < 100.0, qPrintable(QString::number(slowest)));
        // AND stale requests were dropped, and the result shown is the last code's decode
        QVERIFY2(decodes <= 101, qPrintable(QString::number(decodes)));
        const sdk::NoteSequence shown = m_explorer->lastDecoded();
        QVERIFY(!shown.notes.empty());
        QVERIFY(sameNotes(shown, m_explorer->decodeCurrent(false)));
        // AND a drag adds no clip
        QVERIFY(m_session->tracks().empty());
    }
};

QTEST_MAIN(TstLatentExplorerDock)
#include "tst_latentexplorerdock.moc"
