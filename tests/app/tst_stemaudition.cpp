// SPDX-License-Identifier: GPL-3.0-or-later
// A stem group's A/B/X bar drives the engine's audition (mix / stem / original at matched
// loudness) by click and by key, X is revealed by a guess, and a stem with a reference shows
// its plain SDR.
#include "app/gui/lanewiring.h"
#include "app/gui/mainwindow.h"
#include "app/gui/playbackcontroller.h"
#include "core/audio/loudnessmeter.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addstemgroupcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "widgets/stemgrouplane.h"
#include "widgets/timelineview.h"

#include "tests/audio/enginetestutil.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <numbers>

using namespace mirstudio;

namespace {

constexpr int kRate = 48000;

media::AudioData sine(double hz, double amplitude)
{
    auto a = media::AudioData::silence(1, 2 * kRate, kRate);
    for (std::size_t i = 0; i < a.channels[0].size(); ++i)
        a.channels[0][i] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / kRate));
    return a;
}

QToolButton *button(QWidget *lane, const QString &text)
{
    for (auto *b : lane->findChildren<QToolButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

/** Runs one engine block so that the audio thread applies queued commands. */
AuditionSource applied(Engine *engine)
{
    std::vector<float> l(256), r(256);
    float *out[2] = {l.data(), r.data()};
    engine->process(nullptr, 0, out, 2, 256);
    return engine->audition();
}

} // namespace

class TestStemAudition : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MIR Studio tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_stemaudition"));
        QSettings().clear();
    }

    void abxBarDrivesTheEngineAndSdrIsShown()
    {
        // GIVEN a window whose session holds an original (220 Hz at 0.4 + 660 Hz at 0.2) and the
        // stem group separated from it (stem0 = 220 Hz at 0.2, i.e. half of its true part,
        // stem1), stem0's reference being the true 220 Hz part at 0.4
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1000, 700);
        w.show();
        Session *session = w.session();
        auto original = sine(220.0, 0.4);
        const auto high = sine(660.0, 0.2);
        for (std::size_t i = 0; i < original.channels[0].size(); ++i)
            original.channels[0][i] += high.channels[0][i];
        auto *addOriginal = new AddSourceCommand(session, enginetest::writtenSource(dir, QStringLiteral("original"), original));
        session->push(addOriginal);
        Provenance p;
        p.plugin = QStringLiteral("test");
        p.inputs = {addOriginal->sourceId()};
        auto *group = new AddStemGroupCommand(session, QStringLiteral("Song"),
                                              {{QStringLiteral("low"), enginetest::writtenSource(dir, QStringLiteral("low"), sine(220.0, 0.2))},
                                               {QStringLiteral("high"), enginetest::writtenSource(dir, QStringLiteral("high"), high)}},
                                              p);
        session->push(group);
        const TrackId track = group->trackId();
        enginetest::writtenSource(dir, QStringLiteral("low-true"), sine(220.0, 0.4));
        QString error;
        QVERIFY(!w.laneWiring()->attachReference(track, 0, dir.filePath(QStringLiteral("missing.wav")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(w.laneWiring()->attachReference(track, 0, dir.filePath(QStringLiteral("low-true.wav")), &error));
        QVERIFY(!session->track(track)->stems[0].reference.isNull());
        widgets::StemGroupLane *lane = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((lane = [&]() -> widgets::StemGroupLane * {
                                     for (widgets::Lane *l : w.timeline()->lanes())
                                         if (l->trackId() == track)
                                             return qobject_cast<widgets::StemGroupLane *>(l);
                                     return nullptr;
                                 }()) != nullptr, 5000);
        // WHEN the audio is decoded (on a worker) THEN A/B/X is enabled
        QTRY_VERIFY_WITH_TIMEOUT(button(lane, QStringLiteral("A"))->isEnabled(), 10000);
        // AND stem0 shows its plain SDR: an estimate at half the reference's level is 6.02 dB
        QTRY_VERIFY_WITH_TIMEOUT(!std::isnan(lane->stemMetric(0, QStringLiteral("SDR (plain)"))), 10000);
        QVERIFY(std::abs(lane->stemMetric(0, QStringLiteral("SDR (plain)")) - 6.0206) < 0.01);
        QVERIFY(std::isnan(lane->stemMetric(1, QStringLiteral("SDR (plain)")))); // no reference
        // AND the gains match BS.1770 loudness: the louder original is attenuated to the stem
        const double gainB = LoudnessMeter::integratedLoudness(sine(220.0, 0.2)) - LoudnessMeter::integratedLoudness(original);
        QVERIFY2(std::abs(lane->comparison().gainDbB() - gainB) < 0.01, qPrintable(lane->comparisonText()));
        QCOMPARE(lane->comparison().gainDbA(), 0.0);

        Engine *engine = w.playback()->engine();
        engine->prepare(kRate, 256);
        const int index = session->trackIndex(track);
        // WHEN A is clicked THEN the engine plays the stem alone at its gain (0 dB)
        QTest::mouseClick(button(lane, QStringLiteral("A")), Qt::LeftButton);
        const AuditionSource stemA{AuditionSource::Kind::Stem, index, 0, 1.0f};
        QCOMPARE(w.playback()->audition(), stemA);
        QCOMPARE(applied(engine), stemA);
        // WHEN B is clicked THEN the original alone, attenuated by the matching gain
        QTest::mouseClick(button(lane, QStringLiteral("B")), Qt::LeftButton);
        AuditionSource heard = applied(engine);
        QCOMPARE(heard.kind, AuditionSource::Kind::Original);
        QCOMPARE(heard.track, index);
        QVERIFY(std::abs(20.0 * std::log10(heard.gain) - gainB) < 0.01);
        // WHEN X is clicked THEN the engine plays what X hides, which a guess then reveals
        QTest::mouseClick(button(lane, QStringLiteral("X")), Qt::LeftButton);
        heard = applied(engine);
        const bool xIsA = lane->comparison().audible() == widgets::AbxComparison::Choice::A;
        QCOMPARE(heard.kind, xIsA ? AuditionSource::Kind::Stem : AuditionSource::Kind::Original);
        QTest::mouseClick(button(lane, QStringLiteral("X=A")), Qt::LeftButton);
        QCOMPARE(lane->comparison().trials(), 1);
        QCOMPARE(lane->comparison().correct(), xIsA ? 1 : 0);
        QVERIFY2(lane->comparisonText().contains(xIsA ? QStringLiteral("X was A: right") : QStringLiteral("X was B: wrong")),
                 qPrintable(lane->comparisonText()));
        // WHEN Mix is clicked THEN the normal mix plays again
        QTest::mouseClick(button(lane, QStringLiteral("Mix")), Qt::LeftButton);
        QCOMPARE(applied(engine), AuditionSource{});
        QVERIFY(!lane->isAuditioning());
        // WHEN the keys A, then M are pressed on the lane THEN the same happens by keyboard
        QTest::keyClick(lane, Qt::Key_A);
        QCOMPARE(applied(engine), stemA);
        QVERIFY(button(lane, QStringLiteral("A"))->isChecked());
        QTest::keyClick(lane, Qt::Key_M);
        QCOMPARE(applied(engine), AuditionSource{});
        // WHEN a track is inserted before the group while auditioning B THEN the audition follows it
        QTest::keyClick(lane, Qt::Key_B);
        QCOMPARE(applied(engine).track, index);
        Track first;
        first.id = TrackId::create();
        first.kind = Track::Kind::Audio;
        session->push(new AddTrackCommand(session, first, 0));
        QVERIFY(w.playback()->currentPlan()); // rebuilt (the session changed)
        heard = applied(engine);
        QCOMPARE(heard.kind, AuditionSource::Kind::Original);
        QCOMPARE(heard.track, index + 1);
        engine->release();
    }
};

QTEST_MAIN(TestStemAudition)
#include "tst_stemaudition.moc"
