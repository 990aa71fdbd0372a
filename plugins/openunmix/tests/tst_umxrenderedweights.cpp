// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped rendered-stems model (resources/models/openunmix/rendered): files, shapes, a finite
// known-input forward pass, and separation of a held-out rendered POP909 clip that beats the
// mixture-as-estimate baseline in museval SDR.
#include "plugins/openunmix/targetmodels.h"
#include "plugins/openunmix/umxevaluation.h"
#include "plugins/toolkit/bsseval.h"

#include "core/media/audiofile.h"
#include "core/media/resampler.h"

#include <QFileInfo>
#include <QTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::openunmix;

namespace {

const std::string kWeights = MIRSTUDIO_SOURCE_DIR "/resources/models/openunmix/rendered";
const QString kClip = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/tests/data/openunmix/rendered_clip");

/** A 16 kHz mono stem of the clip at 44.1 kHz as [1, time]. */
torch::Tensor readClipStem(const std::string &name)
{
    const media::AudioData audio = media::resample(media::readAudio(kClip + QStringLiteral("/%1.wav").arg(QString::fromStdString(name))), 44100);
    const auto &c = audio.channels.front();
    return torch::tensor(std::vector<float>(c.begin(), c.end())).unsqueeze(0);
}

} // namespace

class TestUmxRenderedWeights : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesAndShapes()
    {
        // GIVEN the shipped folder
        // WHEN its models are loaded
        const auto models = loadTargetModels(kWeights);
        // THEN there are the four targets in the official order, each a small model under 2 MB
        QCOMPARE(models.size(), size_t(4));
        const std::vector<std::string> names{"vocals", "drums", "bass", "other"};   // the loader's order
        for (size_t j = 0; j < models.size(); ++j) {
            QCOMPARE(models[j].name, names[j]);
            QVERIFY(QFileInfo(QString::fromStdString(kWeights + "/" + names[j] + ".pt")).size() < 2 * 1024 * 1024);
            const auto params = models[j].model->named_parameters();
            QCOMPARE(params["input_mean"].size(0), int64_t(UmxConfig::bandwidthToMaxBin(44100.0, 4096, 8000.0)));
            QCOMPARE(params["output_mean"].size(0), int64_t(2049));
        }
    }

    void knownInputIsFiniteAndNonNegative()
    {
        // GIVEN a seeded random magnitude spectrogram [1, 1, 2049, 20]
        torch::manual_seed(5);
        const auto input = torch::rand({1, 1, 2049, 20});
        // WHEN every shipped model runs on it
        torch::NoGradGuard noGrad;
        for (auto &m : loadTargetModels(kWeights)) {
            const auto out = m.model->forward(input);
            // THEN the output has the input's shape, is finite and non-negative (ReLU mask × input)
            QCOMPARE(out.sizes(), input.sizes());
            QVERIFY(torch::isfinite(out).all().item<bool>());
            QVERIFY((out >= 0).all().item<bool>());
            QVERIFY(out.sum().item<double>() > 0.0);
        }
    }

    void heldOutClipBeatsMixture()
    {
        // GIVEN 2.2 s of a held-out rendered POP909 song (tests/data/openunmix/make_rendered_clip.py)
        SeparatorConfig config;
        config.wiener.iterations = 1;
        const Separator separator(loadTargetModels(kWeights), config);
        StemSong song;
        song.name = "pop909_024 clip";
        for (const auto &t : separator.targets())
            song.stems.push_back(readClipStem(t.name));
        song.mixture = song.stems[0] + song.stems[1] + song.stems[2] + song.stems[3];
        // WHEN it is separated and scored with the museval-equivalent SDR
        const SongSdr sdr = evaluateSong(separator, song);
        // THEN the median over targets beats the mixture as estimate
        const double separated = toolkit::BssEvalResult::median(sdr.separated), mixture = toolkit::BssEvalResult::median(sdr.mixture);
        qInfo("clip median SDR %.2f dB, mixture as estimate %.2f dB", separated, mixture);
        for (size_t j = 0; j < sdr.separated.size(); ++j)
            QVERIFY(std::isfinite(sdr.separated[j]));
        QVERIFY(separated > mixture + 1.0);
    }
};

QTEST_GUILESS_MAIN(TestUmxRenderedWeights)
#include "tst_umxrenderedweights.moc"
