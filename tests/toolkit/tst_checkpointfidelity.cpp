// SPDX-License-Identifier: GPL-3.0-or-later
// The checkpoint reader on the real published files (label fidelity): the official TDC-17 vocals
// weights (legacy format) and every golden fixture (zip format), compared tensor by tensor with
// libtorch's torch::pickle_load. Skips when ../shared/fixtures is missing.
#include <torch/torch.h>

#include "plugins/toolkit/checkpointreader.h"
#include "tests/toolkit/checkpointtesthelpers.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace mirstudio::toolkit;
using namespace mirstudio::toolkit::testing;

class TestCheckpointFidelity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOfficialTdc17();
    void matchesPickleLoadOnGoldenFixtures();
};

void TestCheckpointFidelity::readsOfficialTdc17()
{
    const QString path = QStringLiteral(MIRSTUDIO_SHARED_DIR
                                        "/fixtures/official/ws-choi-tdc17-vocals/cac_tdc_17_vocals_top1.pt");
    if (!QFile::exists(path))
        QSKIP("the official TDC-17 checkpoint is not there (../shared/fixtures missing)");
    // GIVEN the published TDC-17 vocals weights (legacy format, storages saved on cuda:0)
    // WHEN loaded
    const CheckpointTree tree = loadCheckpoint(path);
    const StateDict dict = stateDictFrom(tree);
    // THEN it is an OrderedDict of 716 CPU float tensors holding 540,922 numbers
    QCOMPARE(tree.format, CheckpointContents::Format::Legacy);
    QVERIFY(tree.root.ordered);
    QCOMPARE(dict.size(), size_t(716));
    int64_t numbers = 0;
    for (const auto &[name, t] : dict) {
        QVERIFY(t.device().is_cpu());
        QVERIFY2(torch::isfinite(t).all().item<bool>(), name.c_str());
        numbers += t.numel();
    }
    QCOMPARE(numbers, int64_t(540922));
}

void TestCheckpointFidelity::matchesPickleLoadOnGoldenFixtures()
{
    const QDir golden(QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden"));
    if (!golden.exists())
        QSKIP("../shared/fixtures/golden is missing");
    int files = 0;
    int64_t tensors = 0;
    for (const QString &sub : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const QFileInfo &info : QDir(golden.filePath(sub)).entryInfoList({"*.pt"}, QDir::Files)) {
            // GIVEN a golden fixture (zip format, plain dict) and libtorch's own reading of it
            const auto expected = pickleLoad(info.filePath());
            // WHEN the reader loads it
            const StateDict dict = loadStateDict(info.filePath());
            // THEN the same keys in the same order with identical tensors
            QCOMPARE(dict.size(), size_t(expected.size()));
            size_t i = 0;
            for (const auto &item : expected) {
                QCOMPARE(dict[i].first, item.key().toStringRef());
                QVERIFY2(sameTensor(dict[i].second, item.value().toTensor()),
                         qPrintable(info.filePath() + " " + QString::fromStdString(dict[i].first)));
                ++i;
                ++tensors;
            }
            ++files;
        }
    }
    QVERIFY(files >= 20);
    qInfo("%d golden files, %lld tensors identical to torch::pickle_load", files,
          static_cast<long long>(tensors));
}

QTEST_GUILESS_MAIN(TestCheckpointFidelity)
#include "tst_checkpointfidelity.moc"
