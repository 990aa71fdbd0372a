// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiodata.h"
#include "core/session/addstemgroupcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "widgets/annotationlane.h"
#include "widgets/stemgrouplane.h"
#include "widgets/timeaxis.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <numbers>

using namespace mirstudio;
using namespace mirstudio::widgets;

namespace {

std::shared_ptr<const media::AudioData> tone(double amplitude)
{
    auto a = std::make_shared<media::AudioData>(media::AudioData::silence(1, 48000, 48000));
    for (std::size_t i = 0; i < a->channels[0].size(); ++i)
        a->channels[0][i] = float(amplitude * std::sin(2.0 * std::numbers::pi * 220.0 * double(i) / 48000.0));
    return a;
}

MediaSource source(const QString &name)
{
    MediaSource s;
    s.id = SourceId::create();
    s.path = QStringLiteral("/nonexistent/") + name + QStringLiteral(".wav");
    s.frames = 48000;
    return s;
}

AnnotationItem item(AnnotationItem::Kind kind, double seconds, const QString &text = {}, double value = 0.0,
                    double lengthSeconds = 0.0)
{
    AnnotationItem it;
    it.kind = kind;
    it.start = std::int64_t(seconds * 48000);
    it.length = std::int64_t(lengthSeconds * 48000);
    it.text = text;
    it.value = value;
    return it;
}

} // namespace

class TstStemAnnotationLanes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stemRowsMuteSoloGainAreUndoableCommands()
    {
        // GIVEN a stem group with vocals and drums
        Session session;
        TimeAxis axis;
        auto *add = new AddStemGroupCommand(&session, QStringLiteral("Song stems"),
                                            {{QStringLiteral("vocals"), source(QStringLiteral("v"))},
                                             {QStringLiteral("drums"), source(QStringLiteral("d"))}});
        const TrackId track = add->trackId();
        session.push(add);
        StemGroupLane lane(&axis, &session, track);
        lane.resize(800, 200);
        QCOMPARE(lane.stemCount(), 2);
        const auto stems = [&] { return session.track(track)->stems; };
        // WHEN drums is muted by its button, vocals soloed and its gain set to -6 dB
        QTest::mouseClick(lane.muteButton(1), Qt::LeftButton);
        QTest::mouseClick(lane.soloButton(0), Qt::LeftButton);
        lane.gainSlider(0)->setValue(-60);
        // THEN the session holds it
        QVERIFY(stems()[1].mute);
        QVERIFY(stems()[0].solo);
        QCOMPARE(stems()[0].gainDb, -6.0);
        // WHEN undone to the start THEN every lane and button is back
        while (session.undoStack()->canUndo() && session.undoStack()->index() > 1)
            session.undoStack()->undo();
        QVERIFY(!stems()[1].mute);
        QVERIFY(!stems()[0].solo);
        QCOMPARE(stems()[0].gainDb, 0.0);
        QVERIFY(!lane.muteButton(1)->isChecked());
        QCOMPARE(lane.gainSlider(0)->value(), 0);
    }

    void abxComparesAtMatchedLoudness()
    {
        // GIVEN a stem at amplitude 0.5 and an original at 0.25 (6 dB quieter)
        Session session;
        TimeAxis axis;
        const MediaSource vocals = source(QStringLiteral("v"));
        auto *add = new AddStemGroupCommand(&session, QStringLiteral("stems"), {{QStringLiteral("vocals"), vocals}});
        const TrackId track = add->trackId();
        session.push(add);
        StemGroupLane lane(&axis, &session, track);
        const SourceId original = SourceId::create();
        lane.setStemAudio(vocals.id, tone(0.5));
        lane.setOriginal(original, tone(0.25));
        QSignalSpy audition(&lane, &StemGroupLane::auditionChanged);
        // WHEN A then B are chosen
        lane.selectAbx(AbxComparison::Choice::A);
        lane.selectAbx(AbxComparison::Choice::B);
        // THEN A is the stem turned down 6.02 dB, B the original untouched
        QCOMPARE(audition.count(), 2);
        QCOMPARE(audition.at(0).at(0).value<SourceId>(), vocals.id);
        QVERIFY(std::abs(audition.at(0).at(1).toDouble() + 6.0206) < 0.01);
        QCOMPARE(audition.at(1).at(0).value<SourceId>(), original);
        QCOMPARE(audition.at(1).at(1).toDouble(), 0.0);
        // WHEN X is chosen THEN it plays one of the two, and a guess is scored against it
        lane.selectAbx(AbxComparison::Choice::X);
        const bool xIsStem = audition.last().at(0).value<SourceId>() == vocals.id;
        QVERIFY(lane.guessX(xIsStem ? AbxComparison::Choice::A : AbxComparison::Choice::B));
        QCOMPARE(lane.comparison().trials(), 1);
        QCOMPARE(lane.comparison().correct(), 1);
        // AND a metric shows on the row without error
        lane.setStemMetric(0, QStringLiteral("SDR"), 6.1);
        QVERIFY(!lane.grab().isNull());
    }

    void annotationLanePaintsVisibleItemsOnALogContour()
    {
        // GIVEN an annotation track: a 100..400 Hz contour, a chord label, an onset and a region
        Session session;
        TimeAxis axis;
        axis.setPixelsPerSecond(100);
        Track t;
        t.id = TrackId::create();
        t.kind = Track::Kind::Annotation;
        for (int i = 0; i < 100; ++i) // 1 s of 10 ms points
            t.items.push_back(item(AnnotationItem::Kind::Value, i * 0.01, {}, 100.0 * std::pow(4.0, i / 99.0)));
        t.items.push_back(item(AnnotationItem::Kind::Label, 0.5, QStringLiteral("C:maj")));
        t.items.push_back(item(AnnotationItem::Kind::Label, 0.75));
        t.items.push_back(item(AnnotationItem::Kind::Region, 2.0, QStringLiteral("verse"), 0.0, 3.0));
        t.items.push_back(item(AnnotationItem::Kind::Label, 30.0, QStringLiteral("far away")));
        session.push(new AddTrackCommand(&session, t));
        AnnotationLane lane(&axis, &session, t.id);
        lane.resize(600, 100);
        // WHEN painted
        const QImage image = lane.grab().toImage();
        // THEN the contour uses a log scale (200 Hz half way up) and the far label was skipped
        QVERIFY(lane.logScale());
        QCOMPARE(lane.minValue(), 100.0);
        QVERIFY(std::abs(lane.yForValue(200.0) - (lane.yForValue(100.0) + lane.yForValue(400.0)) / 2) < 1e-9);
        QCOMPARE(lane.paintedItems(), 103);
        // AND the region's box is drawn over its span
        QVERIFY(image.pixelColor(350, 90) != image.pixelColor(150, 90));
    }
};

QTEST_MAIN(TstStemAnnotationLanes)
#include "tst_stemannotationlanes.moc"
