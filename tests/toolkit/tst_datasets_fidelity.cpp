// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset readers on the real folders of ../shared/data (label `fidelity`): item counts as the
// data README states them, every item with notes, and a split that is stable.
#include "plugins/toolkit/jsbdataset.h"
#include "plugins/toolkit/nottinghamdataset.h"
#include "plugins/toolkit/pop909dataset.h"
#include "plugins/toolkit/stemfolderdataset.h"
#include "plugins/toolkit/wjazzddataset.h"

#include <QDir>
#include <QtTest>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

QString dataDir(const char *name)
{
    return QStringLiteral(MIRSTUDIO_SHARED_DIR "/data/") + QString::fromLatin1(name);
}

bool allHaveNotes(const std::vector<SymbolicItem> &items)
{
    return std::all_of(items.begin(), items.end(),
                       [](const SymbolicItem &i) { return !i.notes.notes.empty(); });
}

} // namespace

class TestDatasetsFidelity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!QDir(QStringLiteral(MIRSTUDIO_SHARED_DIR "/data")).exists())
            QSKIP("the shared data folder (MIRSTUDIO_SHARED_DIR/data) is not on this machine");
    }

    void pop909()
    {
        const auto items = readPop909(dataDir("pop909"));
        QCOMPARE(int(items.size()), 100);
        QVERIFY(allHaveNotes(items));
        QVERIFY(std::all_of(items.begin(), items.end(), [](const SymbolicItem &i) {
            return i.parts.size() == 3 && !i.beats.items.empty() && !i.chords.items.empty()
                && !i.key.isEmpty();
        }));
        const auto valid = itemsIn(items, DatasetSplit::Valid);
        QVERIFY(valid.size() >= 3 && valid.size() <= 20);
        QCOMPARE(int(readPop909(dataDir("pop909")).front().notes.notes.size()),
                 int(items.front().notes.notes.size()));
    }

    void nottingham()
    {
        QStringList warnings;
        const auto items = readNottingham(dataDir("nottingham"), {}, &warnings);
        qInfo("Nottingham: %d tunes, %d rejected", int(items.size()), int(warnings.size()));
        QCOMPARE(int(items.size()) + int(warnings.size()), 995);
        QVERIFY(items.size() >= 990);
        QVERIFY(allHaveNotes(items));
    }

    void jsb()
    {
        const auto items = readJsbChorales(dataDir("jsb_chorales/jsb16th_separated_train_valid.json"));
        QCOMPARE(int(itemsIn(items, DatasetSplit::Train).size()), 229);
        QCOMPARE(int(itemsIn(items, DatasetSplit::Valid).size()), 76);
        QVERIFY(allHaveNotes(items));
    }

    void wjazzd()
    {
        const auto items = readWjazzd(dataDir("wjazzd_mcsv"));
        QCOMPARE(int(items.size()), 150);
        QVERIFY(allHaveNotes(items));
        QVERIFY(std::all_of(items.begin(), items.end(), [](const SymbolicItem &i) {
            return !i.beats.items.empty() && !i.chords.items.empty();
        }));
    }

    void bach10Stems()
    {
        const auto items = readStemFolders(dataDir("bach10_ass_stems"));
        QCOMPARE(int(items.size()), 8);
        for (const StemFolderItem &item : items)
            QCOMPARE(item.stemNames, (QStringList{"source1", "source2", "source3", "source4"}));
    }
};

QTEST_GUILESS_MAIN(TestDatasetsFidelity)
#include "tst_datasets_fidelity.moc"
