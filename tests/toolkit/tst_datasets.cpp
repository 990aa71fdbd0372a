// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset readers on the small excerpts in tests/data/toolkit/datasets (made by
// make_excerpts.py from the real files): parts, annotations, ids and the seeded split.
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/csvtable.h"
#include "plugins/toolkit/jsbdataset.h"
#include "plugins/toolkit/midifolderdataset.h"
#include "plugins/toolkit/nottinghamdataset.h"
#include "plugins/toolkit/pop909dataset.h"
#include "plugins/toolkit/stemfolderdataset.h"
#include "plugins/toolkit/wjazzddataset.h"

#include <QtTest>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

QString excerpt(const char *rel)
{
    return QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/") + QString::fromLatin1(rel);
}

} // namespace

class TestDatasets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitIsSeededAndStable()
    {
        // GIVEN 2000 ids
        int valid = 0, changed = 0;
        for (int i = 0; i < 2000; ++i) {
            const QString id = QStringLiteral("song/%1").arg(i);
            // WHEN split twice with one seed and once with another
            const DatasetSplit a = splitFor(id, {0.2, 7});
            QCOMPARE(splitFor(id, {0.2, 7}), a);
            valid += a == DatasetSplit::Valid;
            changed += splitFor(id, {0.2, 8}) != a;
        }
        // THEN about a fifth is valid and another seed moves some items
        QVERIFY2(valid > 330 && valid < 470, qPrintable(QString::number(valid)));
        QVERIFY(changed > 200);
        QCOMPARE(splitFor(QStringLiteral("x"), {0.0, 0}), DatasetSplit::Train);
        QCOMPARE(splitFor(QStringLiteral("x"), {1.0, 0}), DatasetSplit::Valid);
    }

    void csvQuoting()
    {
        // GIVEN a WJazzD-style line with doubled quotes
        const QStringList f = CsvTable::splitLine(QStringLiteral("9.3,\"\"\"4/4\"\"\",59,,x"));
        // THEN quotes are unescaped and empty fields kept
        QCOMPARE(f, (QStringList{"9.3", "\"4/4\"", "59", "", "x"}));
    }

    void pop909Song()
    {
        // GIVEN the excerpt root with songs 001 and 002
        const auto items = readPop909(excerpt("pop909"));
        // THEN both songs come with their three parts, beats, chords and key
        QCOMPARE(int(items.size()), 2);
        const SymbolicItem &song = items.front();
        QCOMPARE(song.id, QStringLiteral("pop909/001"));
        QCOMPARE(song.parts.keys(), (QStringList{"bridge", "melody", "piano"}));
        QCOMPARE(int(song.parts.value("melody").notes.size()), 8);
        QCOMPARE(int(song.parts.value("piano").notes.size()), 16);
        QCOMPARE(int(song.notes.notes.size()), 25);
        QVERIFY(std::abs(song.notes.bpm - 90.0) < 0.01);   // 666665 us per quarter
        QCOMPARE(int(song.beats.items.size()), 8);
        QCOMPARE(song.beats.items[0].value, 1.0);
        QCOMPARE(song.beats.items[1].value, 0.0);
        QCOMPARE(int(song.chords.items.size()), 12);
        QCOMPARE(song.chords.items[4].label, QStringLiteral("B:maj"));
        QVERIFY(std::abs(song.chords.items[0].duration - (0.721998 - 0.055333)) < 1e-9);
        QCOMPARE(song.key, QStringLiteral("Gb:maj"));
        // AND the melody timing follows the tempo map: 8 notes, one per quarter of 2/3 s
        QVERIFY(std::abs(song.parts.value("melody").notes[1].start - 0.666665) < 1e-6);
    }

    void midiFolder()
    {
        // GIVEN the POP909 excerpt as a plain MIDI folder
        QStringList warnings;
        const auto items = readMidiFolder(excerpt("pop909"), {}, &warnings);
        // THEN each file is an item named by its relative path, parts by track name
        QCOMPARE(int(items.size()), 2);
        QCOMPARE(items[1].id, QStringLiteral("002/002"));
        QCOMPARE(items[1].parts.keys(), (QStringList{"bridge", "melody", "piano"}));
        QVERIFY(warnings.isEmpty());
    }

    void nottinghamAbc()
    {
        // GIVEN two tunes of ashover.abc
        QStringList warnings;
        const auto items = readNottingham(excerpt("nottingham"), {}, &warnings);
        // THEN both tunes with melody, chords (with roots) and beats of their meter
        QCOMPARE(int(items.size()), 2);
        QCOMPARE(items[0].id, QStringLiteral("nottingham/ashover/1"));
        QCOMPARE(items[1].id, QStringLiteral("nottingham/ashover/2"));
        const SymbolicItem &tune = items[0];
        QVERIFY(tune.parts.value("melody").notes.size() > 20);
        QVERIFY(!tune.chords.items.empty());
        QVERIFY(tune.chords.items[0].hasValue);
        QVERIFY(tune.chords.items[0].duration > 0.0);
        QVERIFY(!tune.beats.items.empty());
        QCOMPARE(tune.beats.items[0].value, 1.0);
        QCOMPARE(tune.parts.value("melody").beatsPerBar, 3);   // M:3/4
    }

    void jsbChorales()
    {
        // GIVEN 2 train and 1 valid chorales of 32 steps
        const auto items = readJsbChorales(excerpt("jsb_excerpt.json"));
        // THEN the file's split is kept and four voices are parts
        QCOMPARE(int(items.size()), 3);
        QCOMPARE(items[2].id, QStringLiteral("jsb/valid/0"));
        QCOMPARE(items[2].split, DatasetSplit::Valid);
        QCOMPARE(items[0].split, DatasetSplit::Train);
        QCOMPARE(items[0].parts.keys(), (QStringList{"alto", "bass", "soprano", "tenor"}));
        // AND held steps merge: the first soprano note is 74 for 4 steps (0.5 s at 120 bpm)
        const sdk::Note first = items[0].parts.value("soprano").notes.front();
        QCOMPARE(first.pitch, 74);
        QCOMPARE(first.duration, 0.5);
        QCOMPARE(items[0].parts.value("bass").notes.front().channel, 3);
    }

    void jsbSilence()
    {
        // GIVEN a voice with a -1 rest between two notes
        const SymbolicItem item = jsbChoraleFromSteps({{60, 55, 52, 48}, {-1, 55, 52, 48}, {62, 55, 52, 48}}, 120.0);
        // THEN the rest makes no note
        QCOMPARE(int(item.parts.value("soprano").notes.size()), 2);
        QCOMPARE(item.parts.value("soprano").notes[1].start, 0.25);
        QCOMPARE(int(item.parts.value("bass").notes.size()), 1);
    }

    void wjazzdSolo()
    {
        // GIVEN the first 20 notes and 12 beats of one solo
        const auto items = readWjazzd(excerpt("wjazzd"));
        QCOMPARE(int(items.size()), 1);
        const SymbolicItem &solo = items.front();
        // THEN notes in seconds, beats with downbeats, chords at changes
        QCOMPARE(solo.id, QStringLiteral("wjazzd/BenWebster_ByeByeBlackbird_FINAL"));
        QCOMPARE(int(solo.notes.notes.size()), 20);
        QCOMPARE(solo.notes.notes.front().pitch, 59);
        QVERIFY(std::abs(solo.notes.notes.front().start - 9.31265306122) < 1e-9);
        QCOMPARE(int(solo.beats.items.size()), 12);
        QCOMPARE(solo.beats.items[0].value, 1.0);
        QCOMPARE(solo.chords.items.front().label, QStringLiteral("Gj7"));
        QVERIFY(solo.notes.bpm > 120.0 && solo.notes.bpm < 140.0);
    }

    void stemFolders()
    {
        // GIVEN two song folders and one folder without a mixture
        const auto items = readStemFolders(excerpt("stems"));
        // THEN the songs are listed with their stems in name order
        QCOMPARE(int(items.size()), 2);
        QCOMPARE(items[0].id, QStringLiteral("songA"));
        QCOMPARE(items[0].stemNames, (QStringList{"source1", "source2"}));
        QVERIFY(items[0].mixturePath.endsWith(QStringLiteral("songA/mixture.wav")));
    }

    void missingFolderIsAClearError()
    {
        // GIVEN a path that does not exist
        // THEN every folder reader names it
        try {
            readPop909(QStringLiteral("/nonexistent/pop909"));
            QFAIL("no error");
        } catch (const sdk::PluginError &e) {
            QVERIFY(e.message().contains(QStringLiteral("/nonexistent/pop909")));
        }
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, readStemFolders(QStringLiteral("/nonexistent")));
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, readWjazzd(QStringLiteral("/nonexistent")));
    }
};

QTEST_GUILESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
