// SPDX-License-Identifier: GPL-3.0-or-later
// Open-Unmix against the golden fixture made by the official code (shared/fixtures/golden/openunmix-a).
#include "plugins/openunmix/separator.h"
#include "plugins/openunmix/umxweights.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::openunmix;

class TestUmxFidelity : public QObject
{
    Q_OBJECT

    QString m_dir;
    StateDict m_input, m_intermediates, m_output;

    std::string file(const char *name) const { return QDir(m_dir).filePath(QLatin1String(name)).toStdString(); }

    static double relativeError(const torch::Tensor &got, const torch::Tensor &ref)
    {
        return (got - ref).abs().max().item<double>() / ref.abs().max().item<double>();
    }

    Separator separator() const
    {
        std::vector<TargetModel> targets;
        for (const char *name : {"vocals", "drums", "bass", "other"}) {
            const StateDict dict = readStateDictFile(file((std::string("state_dict_") + name + ".pt").c_str()));
            OpenUnmix model(UmxConfig::fromStateDict(dict));
            loadStateDict(*model, dict);
            targets.push_back({name, model});
        }
        SeparatorConfig config;
        config.wiener.iterations = 1;
        return Separator(std::move(targets), config);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden/openunmix-a");
        if (!QDir(m_dir).exists())
            QSKIP("the shared fixtures folder (shared/fixtures/golden/openunmix-a) is missing");
        m_input = readStateDictFile(file("input.pt"));
        m_intermediates = readStateDictFile(file("intermediates_vocals.pt"));
        m_output = readStateDictFile(file("output.pt"));
    }

    void configFromStateDict()
    {
        // GIVEN the fixture's vocals state_dict WHEN its configuration is read from the shapes
        const UmxConfig c = UmxConfig::fromStateDict(readStateDictFile(file("state_dict_vocals.pt")));
        // THEN it is the README's constructor call (umxhq layout, hidden 160)
        QCOMPARE(c.nbBins, 2049);
        QCOMPARE(c.nbChannels, 2);
        QCOMPARE(c.hiddenSize, 160);
        QCOMPARE(c.nbLayers, 3);
        QVERIFY(!c.unidirectional);
        QCOMPARE(c.maxBin, 1487);
        QCOMPARE(UmxConfig::bandwidthToMaxBin(44100.0, 4096, 16000.0), 1487);
    }

    void stftAndMagnitude()
    {
        // GIVEN the separator WHEN the fixture audio is transformed
        const Separator sep = separator();
        const auto mixStft = sep.stft(m_input.at("audio"));
        // THEN the STFT and the model input match the official tensors
        const double stftError = relativeError(torch::view_as_real(mixStft), m_intermediates.at("mix_stft"));
        const double magError = relativeError(sep.magnitudes(mixStft), m_intermediates.at("model_input"));
        qInfo("mix_stft error %.3g, model_input error %.3g (of peak)", stftError, magError);
        QVERIFY(stftError <= 1e-4);
        QVERIFY(magError <= 1e-4);
    }

    void vocalsModel()
    {
        // GIVEN the vocals model WHEN it filters the official model input
        const Separator sep = separator();
        torch::NoGradGuard noGrad;
        OpenUnmix vocals = sep.targets().front().model;
        const auto out = vocals->forward(m_intermediates.at("model_input"));
        // THEN its output is the official model_output
        const double error = relativeError(out, m_intermediates.at("model_output"));
        qInfo("model_output error %.3g (of peak)", error);
        QVERIFY(error <= 1e-4);
    }

    void endToEnd()
    {
        // GIVEN the four targets with one EM iteration WHEN the fixture mix is separated
        const auto estimates = separator().separate(m_input.at("audio"));
        // THEN every estimate matches the official Separator output
        const auto &ref = m_output.at("estimates");
        QCOMPARE(estimates.sizes().vec(), ref.sizes().vec());
        const double error = relativeError(estimates, ref);
        qInfo("estimates error %.3g (of peak)", error);
        QVERIFY(error <= 1e-4);
    }
};

QTEST_GUILESS_MAIN(TestUmxFidelity)
#include "tst_umxfidelity.moc"
