// SPDX-License-Identifier: GPL-3.0-or-later
// The Open-Unmix model: shapes, official key layout, weight files (round trip and bad files).
#include "plugins/openunmix/separator.h"
#include "plugins/openunmix/targetmodels.h"
#include "plugins/openunmix/umxweights.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio::openunmix;

namespace {

UmxConfig tinyConfig()
{
    UmxConfig c;
    c.nbBins = 2049;
    c.nbChannels = 2;
    c.hiddenSize = 16;
    c.nbLayers = 2;
    c.maxBin = 300;
    return c;
}

} // namespace

class TestUmxModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { torch::manual_seed(3); }

    void officialKeysAndShapes()
    {
        // GIVEN the umxhq configuration WHEN the model is built
        OpenUnmix model(UmxConfig{});
        const StateDict dict = stateDictOf(*model);
        // THEN it has the official 46 keys with the official shapes and parameter count
        QCOMPARE(dict.size(), size_t(46));
        QCOMPARE(dict.at("fc1.weight").sizes().vec(), (std::vector<int64_t>{512, 2974}));
        QCOMPARE(dict.at("lstm.weight_hh_l2_reverse").sizes().vec(), (std::vector<int64_t>{1024, 256}));
        QCOMPARE(dict.at("bn3.running_var").size(0), int64_t(4098));
        QVERIFY(dict.count("bn1.num_batches_tracked"));
        int64_t params = 0;
        for (const auto &p : model->parameters())
            params += p.numel();
        QCOMPARE(params, int64_t(8893348));
    }

    void forwardShapeAndMask()
    {
        // GIVEN a small stereo model in eval mode and a magnitude input
        OpenUnmix model(tinyConfig());
        model->eval();
        const auto x = torch::rand({2, 2, 2049, 11});
        torch::NoGradGuard noGrad;
        const auto y = model->forward(x);
        // THEN the output has the input's shape, is non-negative and zero where the input is
        QCOMPARE(y.sizes().vec(), x.sizes().vec());
        QVERIFY(y.min().item<float>() >= 0.0f);
        auto silent = x.clone();
        silent.narrow(2, 100, 10).zero_();
        QCOMPARE(model->forward(silent).narrow(2, 100, 10).abs().max().item<float>(), 0.0f);
        // AND a wrong channel count is refused
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(torch::rand({1, 1, 2049, 4})));
    }

    void weightFileRoundTrip()
    {
        // GIVEN a model saved as a plain-dict weight file
        QTemporaryDir dir;
        OpenUnmix model(tinyConfig());
        saveTargetModels(dir.path().toStdString(), {{"bass", model}});
        // WHEN the folder is loaded
        const auto loaded = loadTargetModels(dir.path().toStdString());
        // THEN the configuration comes back from the shapes and every tensor is equal
        QCOMPARE(loaded.size(), size_t(1));
        QCOMPARE(loaded[0].name, std::string("bass"));
        QCOMPARE(loaded[0].model->config().maxBin, 300);
        QCOMPARE(loaded[0].model->config().nbLayers, 2);
        const StateDict a = stateDictOf(*model), b = stateDictOf(*loaded[0].model);
        for (const auto &[key, t] : a)
            QVERIFY2(torch::equal(t, b.at(key)), key.c_str());
    }

    void strictLoading()
    {
        // GIVEN a state_dict with a missing key, then one with a wrong shape, then an extra key
        OpenUnmix model(tinyConfig());
        StateDict dict = stateDictOf(*model);
        StateDict missing = dict;
        missing.erase("bn2.weight");
        StateDict wrongShape = dict;
        wrongShape["fc2.weight"] = torch::zeros({3, 3});
        StateDict extra = dict;
        extra["fc4.weight"] = torch::zeros({1});
        // WHEN loaded THEN each is refused
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadStateDict(*model, missing));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadStateDict(*model, wrongShape));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadStateDict(*model, extra));
    }

    void badWeightFiles()
    {
        // GIVEN a folder with a file that is not a torch zip
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("vocals.pt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        // WHEN the folder is loaded THEN the error names the file
        try {
            loadTargetModels(dir.path().toStdString());
            QFAIL("garbage weights were accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("vocals.pt")), e.what());
        }
        // AND a dict of tensors that is not an Open-Unmix model is refused
        QFile::remove(f.fileName());
        writeStateDictFile(f.fileName().toStdString(), {{"a", torch::zeros({2})}, {"b", torch::ones({2})}});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadTargetModels(dir.path().toStdString()));
        // AND an empty folder is an error
        QTemporaryDir empty;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadTargetModels(empty.path().toStdString()));
    }

    void separatorShapes()
    {
        // GIVEN two mono-model targets WHEN a short stereo clip (shorter than n_fft) is separated
        UmxConfig c = tinyConfig();
        c.nbChannels = 1;
        SeparatorConfig config;
        config.wiener.residual = true;
        const Separator sep({{"a", OpenUnmix(c)}, {"b", OpenUnmix(c)}}, config);
        const auto audio = torch::rand({1, 2, 1500}) - 0.5;
        const auto out = sep.separate(audio);
        // THEN there are three outputs (with residual) of the input's length, adding up to the mix
        QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{1, 3, 2, 1500}));
        QVERIFY((out.sum(1) - audio).abs().max().item<double>() < 1e-3);
        QCOMPARE(sep.outputNames().back(), std::string("residual"));
    }
};

QTEST_GUILESS_MAIN(TestUmxModel)
#include "tst_umxmodel.moc"
