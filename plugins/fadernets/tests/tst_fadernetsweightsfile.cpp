// SPDX-License-Identifier: GPL-3.0-or-later
// saveGmvaeWeights files load through the toolkit's restricted checkpoint reader (no libtorch
// unpickler fallback needed), with every tensor under its official key, unchanged.
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/toolkit/checkpointreader.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace mirstudio;
using namespace mirstudio::fadernets;

class TestFaderNetsWeightsFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savedWeightsLoadThroughTheRestrictedReader()
    {
        // GIVEN a small GM-VAE with random weights
        torch::manual_seed(3);
        GmvaeConfig config;
        config.hiddenDims = 16;
        config.zDims = 4;
        const MusicAttrGmvae model(config);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("weights.pt"));
        // WHEN saved and read back with the toolkit's reader
        saveGmvaeWeights(*model, path);
        toolkit::StateDict dict;
        try {
            dict = toolkit::loadStateDict(path);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        // THEN every parameter is there under its key, equal to the model's
        const auto params = model->named_parameters();
        QCOMPARE(dict.size(), params.size());
        std::map<std::string, torch::Tensor> byKey(dict.begin(), dict.end());
        for (const auto &p : params) {
            const auto it = byKey.find(p.key());
            QVERIFY2(it != byKey.end(), p.key().c_str());
            QVERIFY2(torch::equal(it->second, p.value().detach()), p.key().c_str());
        }
        // AND the sizes read from the shapes are the model's
        QCOMPARE(configOfStateDict(dict).zDims, 4);
        QCOMPARE(configOfStateDict(dict).hiddenDims, 16);
    }
};

QTEST_GUILESS_MAIN(TestFaderNetsWeightsFile)
#include "tst_fadernetsweightsfile.moc"
