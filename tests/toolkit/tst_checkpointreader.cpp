// SPDX-License-Identifier: GPL-3.0-or-later
// The toolkit's checkpoint reader on small checkpoints written by torch.save in both formats
// (tests/data/toolkit/make_checkpoints.py) and on damaged and malicious files.
// tst_checkpointfidelity reads the real published files.
#include <torch/torch.h>

#include "plugins/toolkit/checkpointreader.h"
#include "tests/toolkit/checkpointtesthelpers.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio::toolkit;
using namespace mirstudio::toolkit::testing;

namespace {

const QString kData = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/");

QString errorOf(const QByteArray &bytes)
{
    try {
        readCheckpoint(bytes, QStringLiteral("damaged.pt"));
    } catch (const CheckpointError &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestCheckpointReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsStateDict_data();
    void readsStateDict();
    void keepsViewsAndOrder();
    void readsLibtorchPickle();
    void picksNestedStateDict_data();
    void picksNestedStateDict();
    void readsParameters_data();
    void readsParameters();
    void refusesMaliciousPickle_data();
    void refusesMaliciousPickle();
    void rejectsDamagedFiles_data();
    void rejectsDamagedFiles();
    void rejectsEveryTruncation_data();
    void rejectsEveryTruncation();
};

void TestCheckpointReader::readsStateDict_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ordered");
    QTest::newRow("legacy OrderedDict") << "ckpt_legacy_ordered.pt" << true;
    QTest::newRow("zip OrderedDict") << "ckpt_zip_ordered.pt" << true;
    QTest::newRow("legacy dict") << "ckpt_legacy_dict.pt" << false;
    QTest::newRow("zip dict") << "ckpt_zip_dict.pt" << false;
}

void TestCheckpointReader::readsStateDict()
{
    QFETCH(QString, file);
    QFETCH(bool, ordered);
    // GIVEN a state dict saved by torch.save and its tensors as torch::pickle_load reads them
    const auto expected = pickleLoad(kData + "ckpt_expected.pt");
    // WHEN the reader loads it
    const CheckpointTree tree = loadCheckpoint(kData + file);
    const StateDict dict = stateDictFrom(tree);
    // THEN every tensor has Python's dtype, shape and values, in Python's order
    QCOMPARE(tree.root.ordered, ordered);
    QCOMPARE(tree.format, file.contains("legacy") ? CheckpointContents::Format::Legacy
                                                  : CheckpointContents::Format::Zip);
    QCOMPARE(dict.size(), size_t(13));
    QCOMPARE(dict.front().first, std::string("conv.weight"));
    QCOMPARE(dict.back().first, std::string("empty"));
    for (const auto &[name, tensor] : dict) {
        QVERIFY2(sameTensor(tensor, expected.at(name).toTensor()), name.c_str());
        QVERIFY(!tensor.requires_grad());
    }
    QCOMPARE(entry(dict, "bn.num_batches_tracked").item<int64_t>(), int64_t(17));
    QCOMPARE(entry(dict, "index")[2].item<int64_t>(), int64_t(1) << 40);
}

void TestCheckpointReader::keepsViewsAndOrder()
{
    // GIVEN an OrderedDict whose `transposed` and `row_slice` are views of `base`
    for (const char *file : {"ckpt_legacy_ordered.pt", "ckpt_zip_ordered.pt"}) {
        // WHEN it is loaded
        const StateDict dict = loadStateDict(kData + file);
        // THEN strides and offsets are Python's and the views still share base's storage
        QCOMPARE(entry(dict, "transposed").strides().vec(), (std::vector<int64_t>{1, 4}));
        QCOMPARE(entry(dict, "row_slice").strides().vec(), (std::vector<int64_t>{4, 2}));
        QCOMPARE(entry(dict, "row_slice").storage_offset(), int64_t(5));
        QVERIFY(entry(dict, "transposed").is_alias_of(entry(dict, "base")));
    }
}

void TestCheckpointReader::readsLibtorchPickle()
{
    // GIVEN a dict of tensors written by libtorch's own pickler (C++ training tools save weights
    // this way; it wraps the dict in torch.jit._pickle.restore_type_tag)
    c10::Dict<std::string, torch::Tensor> dict;
    dict.insert("weight", torch::arange(6, torch::kFloat32).reshape({2, 3}));
    dict.insert("bias", torch::full({2}, 0.5));
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("libtorch.pt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), qint64(bytes.size()));
    f.close();
    // WHEN it is loaded through the restricted reader THEN both tensors come back, in order
    const StateDict loaded = loadStateDict(path);
    QCOMPARE(loaded.size(), size_t(2));
    QCOMPARE(loaded[0].first, std::string("weight"));
    QVERIFY(torch::equal(entry(loaded, "weight"), dict.at("weight")));
    QVERIFY(torch::equal(entry(loaded, "bias"), dict.at("bias")));
}

void TestCheckpointReader::picksNestedStateDict_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("legacy") << "ckpt_legacy_nested.pt";
    QTest::newRow("zip") << "ckpt_zip_nested.pt";
}

void TestCheckpointReader::picksNestedStateDict()
{
    QFETCH(QString, file);
    // GIVEN {'state_dict': OrderedDict, 'epoch': 3, 'best_loss': 0.125, 'name': 'tiny', ...}
    // WHEN it is loaded
    const CheckpointTree tree = loadCheckpoint(kData + file);
    // THEN the tree holds every value and stateDictFrom picks the nested state dict
    QVERIFY(tree.root.isDict());
    QCOMPARE(tree.root.find("epoch")->integer, int64_t(3));
    QCOMPARE(tree.root.find("best_loss")->real, 0.125);
    QCOMPARE(tree.root.find("name")->text, std::string("tiny"));
    QCOMPARE(tree.root.find("history")->items.size(), size_t(2));
    QCOMPARE(tree.root.find("shape")->kind, PickleValue::Kind::Tuple);
    const StateDict dict = stateDictFrom(tree);
    QCOMPARE(dict.size(), size_t(13));
    QCOMPARE(dict[2].first, std::string("bn.num_batches_tracked"));
}

void TestCheckpointReader::readsParameters_data()
{
    picksNestedStateDict_data();
}

void TestCheckpointReader::readsParameters()
{
    QFETCH(QString, file);
    // GIVEN nn.Parameters saved directly (torch._utils._rebuild_parameter)
    const QString path = kData + QString(file).replace("nested", "param");
    const auto expected = pickleLoad(kData + "ckpt_expected.pt");
    // WHEN loaded
    const StateDict dict = loadStateDict(path);
    // THEN values match and requires_grad is what was saved
    QCOMPARE(dict.size(), size_t(2));
    QVERIFY(sameTensor(entry(dict, "w").detach(), expected.at("param.w").toTensor()));
    QVERIFY(entry(dict, "w").requires_grad());
    QVERIFY(!entry(dict, "b").requires_grad());
}

void TestCheckpointReader::refusesMaliciousPickle_data()
{
    picksNestedStateDict_data();
}

void TestCheckpointReader::refusesMaliciousPickle()
{
    QFETCH(QString, file);
    // GIVEN a checkpoint whose pickle calls os.system through __reduce__
    const QString path = kData + QString(file).replace("nested", "malicious");
    QFile::remove("/tmp/mirstudio_pwned");
    // WHEN it is loaded THEN it is refused naming the global, and nothing ran
    QString message;
    try {
        loadCheckpoint(path);
    } catch (const CheckpointError &e) {
        message = QString::fromStdString(e.what());
    }
    QVERIFY2(message.contains("refusing global 'posix.system'"), qPrintable(message));
    QVERIFY2(message.contains("only contain tensors"), qPrintable(message));
    QVERIFY(!QFile::exists("/tmp/mirstudio_pwned"));
}

void TestCheckpointReader::rejectsDamagedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("newByte"); // -1: truncate at position
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong magic") << "ckpt_legacy_ordered.pt" << 5 << 0x00
                                 << "wrong magic number";
    QTest::newRow("not a checkpoint") << "ckpt_legacy_ordered.pt" << 0 << int('{')
                                      << "not a PyTorch checkpoint";
    QTest::newRow("legacy truncated in storages") << "ckpt_legacy_ordered.pt" << 1900 << -1
                                                  << "truncated file";
    QTest::newRow("legacy truncated in pickle") << "ckpt_legacy_ordered.pt" << 300 << -1
                                                << "truncated pickle";
    QTest::newRow("zip truncated") << "ckpt_zip_ordered.pt" << 3000 << -1
                                   << "no end-of-central-directory";
    QTest::newRow("zip storage byte flipped") << "ckpt_zip_ordered.pt" << 1350 << 0x5a
                                              << "CRC-32";
}

void TestCheckpointReader::rejectsDamagedFiles()
{
    QFETCH(QString, file);
    QFETCH(int, position);
    QFETCH(int, newByte);
    QFETCH(QString, expected);
    // GIVEN a good checkpoint damaged at one place
    QByteArray bytes = fileBytes(kData + file);
    QVERIFY(position < bytes.size());
    if (newByte < 0)
        bytes.truncate(position);
    else
        bytes[position] = char(bytes[position] ^ (newByte ? newByte : 0xff));
    // WHEN read THEN a CheckpointError explains what is wrong
    const QString message = errorOf(bytes);
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.startsWith("damaged.pt: "), qPrintable(message));
}

void TestCheckpointReader::rejectsEveryTruncation_data()
{
    picksNestedStateDict_data();
}

void TestCheckpointReader::rejectsEveryTruncation()
{
    QFETCH(QString, file);
    // GIVEN every proper prefix of a valid checkpoint
    const QByteArray bytes = fileBytes(kData + file);
    // WHEN each is read THEN each is refused with a CheckpointError (no crash, no other error)
    for (qsizetype n = 0; n < bytes.size(); ++n)
        QVERIFY2(!errorOf(bytes.left(n)).isEmpty(), qPrintable(QString::number(n)));
}

QTEST_GUILESS_MAIN(TestCheckpointReader)
#include "tst_checkpointreader.moc"
