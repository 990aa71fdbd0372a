// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/abcreader.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <map>

using namespace mirstudio::media;

namespace {

/** A reference note in quarter notes. */
struct RefNote
{
    int pitch;
    double onset;
    double duration;
};

/** The notes of a reference rendering, in quarter notes, sorted by onset then pitch. */
std::vector<RefNote> readReferenceMidi(const QString &path, QString *error)
{
    MidiFile file;
    try {
        file = readMidiFile(path);
    } catch (const MediaError &e) {
        *error = e.text();
        return {};
    }
    std::vector<RefNote> notes;
    for (const MidiTrack &t : file.tracks)
        for (const MidiNote &n : t.notes)
            notes.push_back(RefNote{n.pitch, double(n.startTick) / file.ppq,
                                    double(n.endTick - n.startTick) / file.ppq});
    std::sort(notes.begin(), notes.end(), [](const RefNote &x, const RefNote &y) {
        return x.onset != y.onset ? x.onset < y.onset : x.pitch < y.pitch;
    });
    return notes;
}

/** Empty when the tune performs the reference notes, else what differs first. */
QString compareWithReference(const AbcTune &tune, const std::vector<RefNote> &ref)
{
    constexpr double tolerance = 1.0 / 64.0; // quarter notes
    const double q = AbcTune::ppq;
    const std::size_t n = std::min(tune.notes.size(), ref.size());
    for (std::size_t i = 0; i < n; ++i) {
        const AbcNote &a = tune.notes[i];
        const RefNote &r = ref[i];
        if (a.pitch != r.pitch || std::abs(a.startTick / q - r.onset) > tolerance
            || std::abs(a.durationTicks / q - r.duration) > tolerance)
            return QStringLiteral("note %1: got pitch %2 at %3 for %4, reference pitch %5 at %6 for %7")
                .arg(i).arg(a.pitch).arg(a.startTick / q).arg(a.durationTicks / q)
                .arg(r.pitch).arg(r.onset).arg(r.duration);
    }
    if (tune.notes.size() != ref.size())
        return QStringLiteral("got %1 notes, reference has %2").arg(tune.notes.size()).arg(ref.size());
    return {};
}

AbcReadOptions nottingham()
{
    return AbcReadOptions::nottinghamReference();
}

AbcTune one(const QString &text)
{
    const std::vector<AbcTune> tunes = readAbcText(text, QStringLiteral("test.abc"));
    if (tunes.size() != 1)
        throw std::runtime_error("expected exactly one tune");
    return tunes.front();
}

std::vector<int> pitches(const AbcTune &t)
{
    std::vector<int> p;
    for (const AbcNote &n : t.notes)
        p.push_back(n.pitch);
    return p;
}

std::vector<std::int64_t> starts(const AbcTune &t)
{
    std::vector<std::int64_t> s;
    for (const AbcNote &n : t.notes)
        s.push_back(n.startTick);
    return s;
}

QString header(const QString &extra = {})
{
    return QStringLiteral("X:1\nT:Test\nM:4/4\nL:1/8\n") + extra + QStringLiteral("K:C\n");
}

} // namespace

class TestAbcReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsHeaderFields()
    {
        // GIVEN a tune with every header field
        const QString text = QStringLiteral(
            "X: 7\nT:Main Title\nT:Alias\n% comment\nM:6/8\nL:1/8\nQ:3/8=60\nY:AB\nK:Ador\n"
            "P:A\nABc|\nP:B\ndef|\n");
        // WHEN it is read
        const AbcTune t = one(text);
        // THEN the header values are kept
        QCOMPARE(t.number, 7);
        QCOMPARE(t.title, QStringLiteral("Main Title"));
        QCOMPARE(t.otherTitles, QStringList{QStringLiteral("Alias")});
        QCOMPARE(t.meter, (AbcFraction{6, 8}));
        QCOMPARE(t.unitLength, (AbcFraction{1, 8}));
        QCOMPARE(t.key.tonic, 9);
        QCOMPARE(t.key.mode, QStringLiteral("dorian"));
        QCOMPARE(t.key.sharps, 1);
        QCOMPARE(t.qpm, 90.0);
        QCOMPARE(t.partOrder, QStringLiteral("AB"));
        QCOMPARE(t.sourceLine, 1);
        // AND the tempo map carries tempo, meter and key
        const TempoMap map = t.tempoMap();
        QCOMPARE(map.ppq(), AbcTune::ppq);
        QCOMPARE(map.bpmAt(0), 90.0);
        QCOMPARE(map.timeSignatureAt(0).numerator, 6);
        QCOMPARE(map.keySignatureAt(0).sharps, 1);
    }

    void defaultUnitLengthFollowsMeter()
    {
        // GIVEN tunes without L: in 2/4 (below 3/4) and in 3/4
        const AbcTune small = one(QStringLiteral("X:1\nM:2/4\nK:C\nC|\n"));
        const AbcTune big = one(QStringLiteral("X:1\nM:3/4\nK:C\nC|\n"));
        // THEN the unit is 1/16 and 1/8
        QCOMPARE(small.unitLength, (AbcFraction{1, 16}));
        QCOMPARE(small.notes.at(0).durationTicks, 120);
        QCOMPARE(big.unitLength, (AbcFraction{1, 8}));
        QCOMPARE(big.notes.at(0).durationTicks, 240);
    }

    void keysAndAccidentals()
    {
        // GIVEN key signatures and accidentals lasting until the bar line
        const AbcTune d = one(header().replace(QLatin1String("K:C"), QLatin1String("K:D"))
                              + QStringLiteral("FcC'c,|=FF^^G__B|F|\n"));
        // THEN the pitches follow key, octave marks and bar-scoped accidentals
        QCOMPARE(pitches(d), (std::vector<int>{66, 73, 73, 61, 65, 65, 69, 69, 66}));
        // AND minor keys, modes and explicit accidentals in K: work
        QCOMPARE(one(QStringLiteral("X:1\nK:Gm\nBEF|\n")).notes.at(1).pitch, 63);
        QCOMPARE(one(QStringLiteral("X:1\nK:Gm\nB|\n")).key.sharps, -2);
        QCOMPARE(one(QStringLiteral("X:1\nK:D mix\nc|\n")).notes.at(0).pitch, 72);
        QCOMPARE(one(QStringLiteral("X:1\nK:C exp ^f _b\nfB|\n")).notes.at(1).pitch, 70);
        QCOMPARE(one(QStringLiteral("X:1\nK:F#m\nc|\n")).key.sharps, 3);
    }

    void lengthsBrokenRhythmAndRests()
    {
        // GIVEN every length form, broken rhythm and rests
        const AbcTune t = one(header() + QStringLiteral("C2 C/2 C/ C// C3/2 z C>C C<C x2 C|\n"));
        // THEN durations (unit 1/8 = 240 ticks) and onsets follow
        std::vector<std::int64_t> durations;
        for (const AbcNote &n : t.notes)
            durations.push_back(n.durationTicks);
        QCOMPARE(durations, (std::vector<std::int64_t>{480, 120, 120, 60, 360, 360, 120, 120, 360, 240}));
        QCOMPARE(t.notes.back().startTick, 480 + 120 + 120 + 60 + 360 + 240 + 480 + 480 + 480);
    }

    void tiesTupletsAndChords()
    {
        // GIVEN a tie across the bar, triplets, a general tuplet and a chord
        const AbcTune t = one(header() + QStringLiteral("C4-|C2 (3DEF (3:2:2GA {ag}B [ceg]2|\n"));
        // THEN the tie merges, tuplets take 2/3 and the chord notes sound together
        QCOMPARE(pitches(t), (std::vector<int>{60, 62, 64, 65, 67, 69, 71, 72, 76, 79}));
        QCOMPARE(t.notes.at(0).durationTicks, 1440);
        QCOMPARE(t.notes.at(1).durationTicks, 160);
        QCOMPARE(t.notes.at(4).durationTicks, 160);
        QCOMPARE(t.notes.at(6).durationTicks, 240);
        QCOMPARE(t.notes.at(7).startTick, t.notes.at(9).startTick);
        QCOMPARE(t.notes.at(8).durationTicks, 480);
        // AND grace notes take no time
        QCOMPARE(t.notes.at(6).startTick, 1920 + 480 + 480 + 320);
        // AND a unison chord sounds once
        QCOMPARE(one(header() + QStringLiteral("[e2e2]|\n")).notes.size(), std::size_t(1));
    }

    void chordSymbolsAreTimed()
    {
        // GIVEN chord symbols, annotations and decorations
        const AbcTune t = one(header() + QStringLiteral("\"Am7\"A2 ~B !trill!c \"^text\"d \"D/f+\"e4|\n"));
        // THEN the chords carry time, root, quality and bass; annotations are dropped
        QCOMPARE(t.chords.size(), std::size_t(2));
        QCOMPARE(t.chords.at(0).startTick, 0);
        QCOMPARE(t.chords.at(0).symbol, QStringLiteral("Am7"));
        QCOMPARE(t.chords.at(0).rootPitchClass, 9);
        QCOMPARE(t.chords.at(0).quality, QStringLiteral("m7"));
        QCOMPARE(t.chords.at(1).startTick, 480 + 720);
        QCOMPARE(t.chords.at(1).rootPitchClass, 2);
        QCOMPARE(t.chords.at(1).bassPitchClass, 6);
        QCOMPARE(t.notes.size(), std::size_t(5));
    }

    void repeatsAndEndingsAreExpanded()
    {
        // GIVEN |: :| with first and second endings, then a :: section
        const AbcTune t = one(header() + QStringLiteral("|:C8|[1D8:|[2E8||F8::G8:|\n"));
        // THEN the performance is C D C E F F G G... per the expansion rules
        QCOMPARE(pitches(t), (std::vector<int>{60, 62, 60, 64, 65, 65, 67, 67}));
        QCOMPARE(starts(t).at(3), 3 * 1920);
        // AND the "|1 ... :|2" spelling works the same
        QCOMPARE(pitches(one(header() + QStringLiteral("C8|1D8:|2E8|]\n"))),
                 (std::vector<int>{60, 62, 60, 64}));
    }

    void nottinghamConventionsAreOptional()
    {
        // GIVEN a tune with an inner repeat, a :| without its |:, a tie and an accidental
        const QString text = header() + QStringLiteral("|:C8:|D4 ^F2 F2-|F8:|\n");
        // WHEN read with the ABC 2.1 rules
        const AbcTune standard = one(text);
        // THEN the second :| repeats from the first, the tie merges, ^ holds for the bar
        QCOMPARE(pitches(standard), (std::vector<int>{60, 60, 62, 66, 66, 62, 66, 66}));
        QCOMPARE(standard.notes.at(4).durationTicks, 480 + 1920);
        // WHEN read with the conventions of the Nottingham reference renderings
        const std::vector<AbcTune> ref = readAbcText(text, QStringLiteral("t.abc"), nottingham());
        // THEN the outer repeat replays the inner one, ties and held accidentals are not applied
        QCOMPARE(pitches(ref.at(0)), (std::vector<int>{60, 60, 62, 66, 65, 65, 60, 60, 62, 66, 65, 65}));
        QCOMPARE(ref.at(0).notes.at(4).durationTicks, 480);
        // AND without Y: only the first part is performed; a header P: is no play order
        const QString parts = header(QStringLiteral("P:AB\n")) + QStringLiteral("P:A\nC8|\nP:B\nD8|\n");
        QCOMPARE(pitches(readAbcText(parts, QStringLiteral("t.abc"), nottingham()).at(0)), (std::vector<int>{60}));
    }

    void chordSymbolsRepeatWithTheMusic()
    {
        // GIVEN a repeated bar with a chord symbol, as the second tune of a file
        const std::vector<AbcTune> tunes = readAbcText(
            QStringLiteral("X:1\nK:C\nC|\n\nX:2\nL:1/4\nK:G\n|:\"G\"G4:|\n"), QStringLiteral("t.abc"));
        // THEN the chord symbol sounds on both passes and the tune knows its line
        QCOMPARE(tunes.size(), std::size_t(2));
        QCOMPARE(tunes.at(1).sourceLine, 5);
        QCOMPARE(tunes.at(1).chords.size(), std::size_t(2));
        QCOMPARE(tunes.at(1).chords.at(1).startTick, 1920);
        QCOMPARE(tunes.at(1).endTick, 3840);
    }

    void lenientRepairsAnUnclosedChordWithAWarning()
    {
        // GIVEN a chord missing its ']' before a triplet (as in one Nottingham tune)
        const QString text = header() + QStringLiteral("[e2c2(3ABc|\n");
        // WHEN read leniently
        const AbcReadResult r = readAbcTextLenient(text, QStringLiteral("t.abc"));
        // THEN the chord is closed there, the tune kept and a warning given
        QVERIFY(r.errors.empty());
        QCOMPARE(r.tunes.size(), std::size_t(1));
        QCOMPARE(pitches(r.tunes.front()), (std::vector<int>{72, 76, 69, 71, 72}));
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.front().contains(QStringLiteral("line 6, column 1")));
        // AND the strict reader refuses it
        QVERIFY_THROWS_EXCEPTION(MediaError, readAbcText(text, QStringLiteral("t.abc")));
    }

    void fuzzSeedsImport()
    {
        // GIVEN the hand-written feature seed of the fuzz corpus
        const QString path = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/tests/fuzz/corpus/abc/features.abc");
        // WHEN read strictly
        const std::vector<AbcTune> tunes = readAbcFile(path);
        // THEN it imports with notes, chords and its part order
        QCOMPARE(tunes.size(), std::size_t(1));
        QVERIFY(tunes.front().notes.size() > 30);
        QCOMPARE(tunes.front().chords.size(), std::size_t(4));
        QCOMPARE(tunes.front().partOrder, QStringLiteral("ABA"));
    }

    void partsFollowThePlayOrder()
    {
        // GIVEN parts A and B and the order ABA (Y: as in the Nottingham files, or header P:)
        const QString body = QStringLiteral("P:A\nC8|\nP:B\nD8|\n");
        // THEN parts are played in that order
        QCOMPARE(pitches(one(header(QStringLiteral("Y:ABA\n")) + body)), (std::vector<int>{60, 62, 60}));
        QCOMPARE(pitches(one(header(QStringLiteral("P:BA\n")) + body)), (std::vector<int>{62, 60}));
        // AND without an order, parts play as written
        QCOMPARE(pitches(one(header() + body)), (std::vector<int>{60, 62}));
    }

    void inlineFieldsAndMultiBarRests()
    {
        // GIVEN inline K:/M: changes, a multi-bar rest and a line continuation
        const AbcTune t = one(header() + QStringLiteral("F4 Z2|[K:D]F4 \\\n[M:3/4]F6|\nK:F\nB|\n"));
        // THEN pitches follow the new keys and time follows the rests and meters
        QCOMPARE(pitches(t), (std::vector<int>{65, 66, 66, 70}));
        QCOMPARE(starts(t), (std::vector<std::int64_t>{0, 960 + 2 * 1920, 960 + 2 * 1920 + 960, 960 + 2 * 1920 + 960 + 1440}));
        QCOMPARE(t.timeSignatures.back().numerator, 3);
        QCOMPARE(t.keySignatures.back().sharps, -1);
    }

    void pickupIsAlignedToTheFirstBar()
    {
        // GIVEN a one-beat pickup in 3/4
        const AbcTune t = one(QStringLiteral("X:1\nM:3/4\nL:1/4\nK:G\nD|G3|\n"));
        // THEN it ends at the first bar line, one measure in
        QCOMPARE(starts(t), (std::vector<std::int64_t>{960, 1440}));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("K: missing") << QStringLiteral("X:1\nT:t\nM:4/4\nabc|\n") << 4 << 1
                                    << QStringLiteral("K: field");
        QTest::newRow("unterminated chord symbol") << QStringLiteral("X:1\nK:C\nab\"Am c|\n") << 3 << 3
                                                   << QStringLiteral("to close the chord symbol");
        QTest::newRow("[ without ]") << QStringLiteral("X:1\nK:C\nab [ceg c|\n") << 3 << 4
                                     << QStringLiteral("expected ']'");
        QTest::newRow("bad length /x") << QStringLiteral("X:1\nL:1/8\nK:C\nabcd e/x|\n") << 4 << 8
                                       << QStringLiteral("expected a note length after '/', found 'x'");
        QTest::newRow("tuplet beyond the bar") << QStringLiteral("X:1\nK:C\n(3ab|c\n") << 3 << 5
                                               << QStringLiteral("tuplet needs 1 more note");
        QTest::newRow("garbage bytes") << QString::fromLatin1("X:1\nK:C\nab\x01\xff#c\n") << 3 << 3
                                       << QStringLiteral("expected a note");
        QTest::newRow("garbage without X:") << QString::fromLatin1("\x7f\x45LF\x02\x01\x01") << 1 << 1
                                            << QStringLiteral("expected a header field");
        QTest::newRow("bad key") << QStringLiteral("X:1\nK:H\nabc\n") << 2 << 3
                                 << QStringLiteral("key tonic");
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, expected);
        // GIVEN a broken tune WHEN it is read strictly
        try {
            readAbcText(text, QStringLiteral("bad.abc"));
            QFAIL("no MediaError thrown");
        } catch (const MediaError &e) {
            // THEN the error names the file, line, column and what was expected
            QCOMPARE(e.file(), QStringLiteral("bad.abc"));
            QCOMPARE(e.line(), line);
            QCOMPARE(e.column(), column);
            QVERIFY2(e.message().contains(expected), qPrintable(e.text()));
        }
    }

    void lenientSkipsOnlyTheBrokenTune()
    {
        // GIVEN three tunes, the middle one broken
        const QString text = QStringLiteral("X:1\nK:C\nC|\n\nX:2\nK:C\n\"Am C|\n\nX:3\nK:C\nD|\n");
        // WHEN read leniently
        const AbcReadResult r = readAbcTextLenient(text, QStringLiteral("three.abc"));
        // THEN the good tunes are kept and the broken one reported with its line
        QCOMPARE(r.tunes.size(), std::size_t(2));
        QCOMPARE(r.tunes.at(1).number, 3);
        QCOMPARE(r.errors.size(), std::size_t(1));
        QCOMPARE(r.errors.front().line(), 7);
        // AND the strict reader throws that error
        QVERIFY_THROWS_EXCEPTION(MediaError, readAbcText(text, QStringLiteral("three.abc")));
    }

    void sampleMatchesReferenceMidi()
    {
        // GIVEN the committed sample and the expectation made from the dataset's MIDI
        const QString dir = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/abc");
        const std::vector<AbcTune> tunes = readAbcFile(dir + QStringLiteral("/nottingham_sample.abc"), nottingham());
        QFile f(dir + QStringLiteral("/expected/nottingham_sample.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray expected = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("tunes")).toArray();
        QCOMPARE(tunes.size(), std::size_t(expected.size()));
        QVERIFY(tunes.size() >= 40);
        // WHEN each tune is compared with its reference
        int excluded = 0;
        for (std::size_t i = 0; i < tunes.size(); ++i) {
            const QJsonObject e = expected.at(int(i)).toObject();
            QCOMPARE(tunes[i].number, e.value(QStringLiteral("x")).toInt());
            QCOMPARE(tunes[i].title, e.value(QStringLiteral("title")).toString());
            const double ppq = e.value(QStringLiteral("ppq")).toDouble();
            std::vector<RefNote> ref;
            for (const QJsonValue &v : e.value(QStringLiteral("notes")).toArray()) {
                const QJsonArray a = v.toArray();
                ref.push_back(RefNote{a.at(0).toInt(), a.at(1).toDouble() / ppq, a.at(2).toDouble() / ppq});
            }
            QVERIFY(!ref.empty());
            if (e.contains(QStringLiteral("excluded"))) {
                // Timing excluded for a documented reason: the pitch sequence must still match.
                ++excluded;
                qInfo("timing excluded for %s: %s", qPrintable(e.value(QStringLiteral("midi")).toString()),
                      qPrintable(e.value(QStringLiteral("excluded")).toString()));
                std::vector<int> refPitches;
                for (const RefNote &r : ref)
                    refPitches.push_back(r.pitch);
                QCOMPARE(pitches(tunes[i]), refPitches);
                continue;
            }
            // THEN pitches match exactly and times within 1/64 quarter
            const QString diff = compareWithReference(tunes[i], ref);
            QVERIFY2(diff.isEmpty(), qPrintable(e.value(QStringLiteral("midi")).toString() + QStringLiteral(": ") + diff));
        }
        QVERIFY(excluded <= 4);
    }

    void wholeNottinghamDatabase()
    {
        const QString root = QStringLiteral(MIRSTUDIO_SHARED_DIR "/data/nottingham");
        if (!QDir(root + QStringLiteral("/abc")).exists())
            QSKIP("the Nottingham Music Database is not under MIRSTUDIO_SHARED_DIR/data/nottingham on this machine");
        // GIVEN all collection files
        const QStringList files = QDir(root + QStringLiteral("/abc")).entryList({QStringLiteral("*.abc")}, QDir::Files, QDir::Name);
        int total = 0;
        int matched = 0;
        int errors = 0;
        int samePitches = 0;
        QStringList mismatches;
        for (const QString &name : files) {
            // WHEN each is read leniently
            const AbcReadResult r = readAbcFileLenient(root + QStringLiteral("/abc/") + name, nottingham());
            // THEN no tune fails
            for (const MediaError &e : r.errors)
                qWarning("%s", qPrintable(e.text()));
            errors += int(r.errors.size());
            for (const AbcTune &t : r.tunes) {
                ++total;
                QString error;
                const QString midi = QStringLiteral("%1/midi/melody/%2%3.mid").arg(root, QFileInfo(name).baseName()).arg(t.number);
                const std::vector<RefNote> ref = readReferenceMidi(midi, &error);
                const QString diff = error.isEmpty() ? compareWithReference(t, ref) : error;
                std::vector<int> refPitches;
                for (const RefNote &n : ref)
                    refPitches.push_back(n.pitch);
                if (pitches(t) == refPitches)
                    ++samePitches;
                if (diff.isEmpty())
                    ++matched;
                else
                    mismatches << QStringLiteral("%1 X:%2 %3: %4").arg(name).arg(t.number).arg(t.title, diff);
            }
        }
        // AND nearly all perform exactly like the dataset's own MIDI
        for (const QString &m : mismatches)
            qInfo("mismatch: %s", qPrintable(m));
        qInfo("%d of %d tunes match the reference MIDI exactly (pitches and times); "
              "%d have the reference pitch sequence", matched, total, samePitches);
        QCOMPARE(errors, 0);
        QCOMPARE(total, 995);
        QVERIFY2(matched >= total * 95 / 100, qPrintable(QStringLiteral("only %1 of %2 match").arg(matched).arg(total)));
    }
};

QTEST_GUILESS_MAIN(TestAbcReader)
#include "tst_abcreader.moc"
