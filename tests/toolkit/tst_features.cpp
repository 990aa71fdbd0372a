// SPDX-License-Identifier: GPL-3.0-or-later
// Mel filterbank against values librosa documents, chroma against a transcription of librosa's
// code, their spectrogram features on
// tones, CQT/HCQT on tones, AudioBuffer <-> tensor conversion, the process thread settings and applyStateDict.
#include <torch/torch.h>

#include "plugins/toolkit/audiotensor.h"
#include "plugins/toolkit/chroma.h"
#include "plugins/toolkit/cqt.h"
#include "plugins/toolkit/mel.h"
#include "plugins/toolkit/statedict.h"
#include "plugins/toolkit/threads.h"

#include <QTest>

#include <cmath>
#include <cstdlib>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

torch::Tensor sine(double hz, double sampleRate, int64_t frames)
{
    const torch::Tensor t = torch::arange(frames, torch::kFloat64) / sampleRate;
    return torch::sin(2.0 * M_PI * hz * t).to(torch::kFloat32);
}

bool closeRel(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance * std::abs(expected);
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

struct TinyNet : torch::nn::Module
{
    TinyNet()
    {
        fc = register_module("fc", torch::nn::Linear(3, 2));
        bn = register_module("bn", torch::nn::BatchNorm1d(2));
    }
    torch::nn::Linear fc{nullptr};
    torch::nn::BatchNorm1d bn{nullptr};
};

} // namespace

class TestFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void melScalesHaveTheirDefiningPoints();
    void melFilterbankMatchesLibrosaDocs();
    void slaneyNormGivesUnitArea();
    void melSpectrogramPeaksAtTone();
    void chromaFilterbankMatchesLibrosa();
    void chromaStftFindsPitchClass();
    void cqtMeasuresToneAtItsBin();
    void hcqtAlignsHarmonics();
    void audioTensorRoundTrip();
    void threadSettingsAppliedOnce();
    void stateDictAppliesThroughKeyMap();
    void stateDictReportsEveryProblem();
};

void TestFeatures::melScalesHaveTheirDefiningPoints()
{
    // GIVEN/WHEN the scales' defining points THEN Slaney: 1 kHz = 15 mel, linear below;
    // HTK: 700 Hz = 2595 log10(2); both invert
    QCOMPARE(hzToMel(1000.0, MelScale::Slaney), 15.0);
    QCOMPARE(hzToMel(200.0, MelScale::Slaney), 3.0);
    QVERIFY(closeRel(hzToMel(6400.0, MelScale::Slaney), 42.0, 1e-12));
    QVERIFY(closeRel(hzToMel(700.0, MelScale::Htk), 2595.0 * std::log10(2.0), 1e-12));
    for (double hz : {0.5, 440.0, 999.0, 1001.0, 16000.0}) {
        for (MelScale s : {MelScale::Slaney, MelScale::Htk})
            QVERIFY(closeRel(melToHz(hzToMel(hz, s), s), hz, 1e-12));
    }
}

void TestFeatures::melFilterbankMatchesLibrosaDocs()
{
    // GIVEN librosa's documented examples: filters.mel(22050, 2048) starts [[0, 0.016, ...]]
    // and with fmax=8000 [[0, 0.02, ...]]
    MelConfig config;
    config.sampleRate = 22050;
    config.nFft = 2048;
    // WHEN the toolkit builds the same banks
    const torch::Tensor fb = melFilterbank(config);
    config.fMax = 8000;
    const torch::Tensor fb8k = melFilterbank(config);
    // THEN shapes and the documented values agree (to the 3 decimals librosa prints)
    QCOMPARE(fb.sizes().vec(), (std::vector<int64_t>{128, 1025}));
    QCOMPARE(fb.scalar_type(), torch::kFloat32);
    QCOMPARE(fb[0][0].item<float>(), 0.0f);
    QVERIFY(std::abs(fb[0][1].item<double>() - 0.016) < 5e-4);
    QVERIFY(std::abs(fb8k[0][1].item<double>() - 0.02) < 5e-3);
    QCOMPARE(fb[0][-1].item<float>(), 0.0f);
    QVERIFY((fb8k.narrow(1, 744, 281) == 0).all().item<bool>()); // nothing above 8 kHz
}

void TestFeatures::slaneyNormGivesUnitArea()
{
    // GIVEN a fine FFT grid and Slaney-normalised triangles
    MelConfig config;
    config.sampleRate = 16000;
    config.nFft = 16384;
    config.nMels = 40;
    // WHEN each filter is integrated over Hz
    const torch::Tensor area = melFilterbank(config).sum(1) * (16000.0 / 16384.0);
    // THEN every triangle has area 1 (equal energy per band)
    QVERIFY2(((area - 1.0).abs() < 0.02).all().item<bool>(),
             qPrintable(QString::number((area - 1.0).abs().max().item<double>())));
    // AND without the norm every peak is 1 (HTK, torchaudio's default)
    config.scale = MelScale::Htk;
    config.slaneyNorm = false;
    const torch::Tensor peaks = std::get<0>(melFilterbank(config).max(1));
    QVERIFY(((peaks - 1.0).abs() < 0.05).all().item<bool>());
}

void TestFeatures::melSpectrogramPeaksAtTone()
{
    // GIVEN a 1 kHz stereo tone
    const torch::Tensor x = sine(1000.0, 22050.0, 22050).unsqueeze(0).repeat({2, 1});
    StftConfig stftConfig;
    stftConfig.nFft = 2048;
    stftConfig.hop = 512;
    MelConfig config;
    // WHEN its mel spectrogram is computed
    const torch::Tensor m = melSpectrogram(x, stftConfig, config);
    // THEN shape is [2, 128, frames] and the loudest band is the one centred nearest 1 kHz
    QCOMPARE(m.sizes().vec(), (std::vector<int64_t>{2, 128, 44}));
    const int64_t band = m[0].sum(-1).argmax().item<int64_t>();
    const double melStep = hzToMel(11025.0, MelScale::Slaney) / 129.0;
    const double centre = melToHz(melStep * double(band + 1), MelScale::Slaney);
    QVERIFY2(std::abs(centre - 1000.0) < 60.0, qPrintable(QString::number(centre)));
}

void TestFeatures::chromaFilterbankMatchesLibrosa()
{
    // GIVEN filters.chroma(22050, 4096) values from a NumPy transcription of librosa's code
    // (tests/data/toolkit/make_chroma_reference.py): first two and last two columns of rows
    // C, C# and B, with the default octave weighting and flat
    ChromaConfig config;
    config.sampleRate = 22050;
    config.nFft = 4096;
    // WHEN the toolkit builds them
    const torch::Tensor fb = chromaFilterbank(config).to(torch::kFloat64);
    config.octWidth = 0;
    const torch::Tensor flat = chromaFilterbank(config).to(torch::kFloat64);
    // THEN they agree to float32 precision
    QCOMPARE(fb.sizes().vec(), (std::vector<int64_t>{12, 2049}));
    const struct { const torch::Tensor *bank; int row; double v[4]; } rows[] = {
        {&fb, 0, {1.706015e-05, 2.829927e-04, 4.430472e-21, 3.752368e-21}},
        {&fb, 1, {1.669873e-05, 3.185914e-04, 1.101098e-13, 9.646498e-14}},
        {&fb, 11, {1.721554e-05, 2.444853e-04, 3.265099e-30, 2.673396e-30}},
        {&flat, 0, {3.066328e-01, 2.436543e-01, 2.334913e-20, 1.978815e-20}},
        {&flat, 1, {3.001367e-01, 2.743045e-01, 5.802918e-13, 5.087089e-13}},
        {&flat, 11, {3.094256e-01, 2.104998e-01, 1.720747e-29, 1.409818e-29}},
    };
    for (const auto &r : rows) {
        const torch::Tensor row = (*r.bank)[r.row];
        const double got[4] = {row[0].item<double>(), row[1].item<double>(),
                               row[-2].item<double>(), row[-1].item<double>()};
        for (int i = 0; i < 4; ++i)
            QVERIFY2(closeRel(got[i], r.v[i], 1e-5),
                     qPrintable(QString("row %1 col %2: %3").arg(r.row).arg(i).arg(got[i])));
    }
    // AND without octave weighting every column has unit L2 norm
    QVERIFY(((flat.pow(2).sum(0).sqrt() - 1.0).abs() < 1e-6).all().item<bool>());
}

void TestFeatures::chromaStftFindsPitchClass()
{
    // GIVEN an A4 (440 Hz) and a C5 (523.25 Hz) tone
    StftConfig stftConfig;
    stftConfig.nFft = 4096;
    stftConfig.hop = 1024;
    ChromaConfig config;
    config.nFft = 4096;
    for (const auto &[hz, pitchClass] : {std::pair{440.0, 9}, std::pair{523.2511, 0}}) {
        // WHEN their chromagram is computed
        const torch::Tensor c = chromaStft(sine(hz, 22050.0, 44100), stftConfig, config);
        // THEN every frame peaks (at 1, max-normalised) on the tone's pitch class
        QCOMPARE(c.size(0), 12);
        QVERIFY((c.argmax(0) == pitchClass).all().item<bool>());
        QVERIFY(((c.amax(0) - 1.0).abs() < 1e-6).all().item<bool>());
    }
}

void TestFeatures::cqtMeasuresToneAtItsBin()
{
    // GIVEN a tone of amplitude 0.8 exactly at the centre of bin 40 (C1 + 40 semitones)
    CqtConfig config;
    const CqtKernels kernels = makeCqtKernels(config);
    const double hz = kernels.frequencies[40];
    const torch::Tensor x = 0.8 * sine(hz, config.sampleRate, 44100);
    // WHEN its CQT is computed
    const torch::Tensor c = cqt(x, config);
    // THEN [84, 1 + T / hop] complex, and away from the edges bin 40 holds |C| = 0.8 / 2
    QCOMPARE(c.sizes().vec(), (std::vector<int64_t>{84, 1 + 44100 / 512}));
    QCOMPARE(c.scalar_type(), torch::kComplexFloat);
    const torch::Tensor inner = c.abs().narrow(1, 30, 26); // frames whose filters see only tone
    QVERIFY((inner.argmax(0) == 40).all().item<bool>());
    const double err = (inner[40] - 0.4).abs().max().item<double>();
    QVERIFY2(err < 0.01, qPrintable(QString::number(err)));
    QVERIFY(inner[39].max().item<double>() < 0.3); // a semitone away the filter rejects it
    // AND settings that reach Nyquist are refused
    config.nBins = 120;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeCqtKernels(config));
}

void TestFeatures::hcqtAlignsHarmonics()
{
    // GIVEN a 440 Hz stereo tone and an HCQT with harmonics 0.5, 1, 2, 4 (24 bins per octave)
    CqtConfig config;
    config.fMin = 55.0;
    config.nBins = 108;
    config.binsPerOctave = 24;
    const torch::Tensor x = sine(440.0, config.sampleRate, 22050).unsqueeze(0).repeat({2, 1});
    // WHEN computed
    const torch::Tensor h = hcqt(x, config, {0.5, 1.0, 2.0, 4.0}).abs();
    // THEN [2, 4, 96, frames]; channel h peaks where fMin * h * 2^(k/24) = 440 Hz
    QCOMPARE(h.sizes().vec(), (std::vector<int64_t>{2, 4, 108, 1 + 22050 / 512}));
    const int64_t expected[] = {96, 72, 48, 24}; // 440 Hz is 3 octaves above 55 Hz: 72 at h = 1
    for (int i = 0; i < 4; ++i) {
        const int64_t peak = h[1][i].narrow(1, 15, 10).sum(1).argmax().item<int64_t>();
        QCOMPARE(peak, expected[i]);
    }
}

void TestFeatures::audioTensorRoundTrip()
{
    // GIVEN a stereo AudioBuffer
    sdk::AudioBuffer audio;
    audio.sampleRate = 48000;
    audio.channels = {{0.f, 0.5f, -1.f}, {1.f, 2.f, 3.f}};
    // WHEN it goes to a tensor and back
    const torch::Tensor t = audioToTensor(audio);
    const sdk::AudioBuffer back = tensorToAudio(t.to(torch::kFloat64), 44100);
    // THEN [C, T] float32 with the samples, and the same samples back at the given rate
    QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{2, 3}));
    QCOMPARE(t.scalar_type(), torch::kFloat32);
    QCOMPARE(t[1][2].item<float>(), 3.f);
    QCOMPARE(back.channels, audio.channels);
    QCOMPARE(back.sampleRate, 44100.0);
    QCOMPARE(tensorToAudio(torch::ones({5}), 8000).channelCount(), 1);
    // AND ragged channels or wrong ranks are refused
    audio.channels[1].pop_back();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, audioToTensor(audio));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tensorToAudio(torch::ones({1, 2, 3}), 8000));
}

void TestFeatures::threadSettingsAppliedOnce()
{
    // GIVEN a process without MIRSTUDIO_TORCH_THREADS or OMP_WAIT_POLICY
    ::unsetenv("MIRSTUDIO_TORCH_THREADS");
    ::unsetenv("OMP_WAIT_POLICY");
    QVERIFY(!torchThreadSettingsApplied());
    // WHEN the settings are applied twice with different wishes
    const TorchThreadSettings first = applyTorchThreadSettings({1, 1});
    const TorchThreadSettings second = applyTorchThreadSettings({2, 2});
    // THEN the first call wins, torch uses one thread and OpenMP waits passively
    QVERIFY(torchThreadSettingsApplied());
    QCOMPARE(first.intraOpThreads, 1);
    QCOMPARE(second.intraOpThreads, 1);
    QCOMPARE(second.interOpThreads, first.interOpThreads);
    QCOMPARE(at::get_num_threads(), 1);
    QCOMPARE(QByteArray(std::getenv("OMP_WAIT_POLICY")), QByteArray("passive"));
}

void TestFeatures::stateDictAppliesThroughKeyMap()
{
    // GIVEN a module and a checkpoint that names its tensors differently
    TinyNet net;
    torch::manual_seed(3);
    StateDict official;
    for (const auto &[name, t] : stateDictOf(net))
        official.emplace_back("model." + name, torch::randn(t.sizes()).to(t.scalar_type()));
    KeyMap map;
    for (const auto &[name, t] : stateDictOf(net))
        map[name] = "model." + name;
    // WHEN applied through the key map
    applyStateDict(net, official, map);
    // THEN every parameter and buffer holds the checkpoint's values
    QCOMPARE(stateDictOf(net).size(), size_t(7)); // weight, bias, bn weight/bias, 3 buffers
    size_t i = 0;
    for (const auto &[name, t] : stateDictOf(net))
        QVERIFY2(torch::equal(t, official[i++].second), name.c_str());
    QVERIFY(net.fc->weight.requires_grad());
}

void TestFeatures::stateDictReportsEveryProblem()
{
    // GIVEN a state dict with one tensor missing, one extra and one of the wrong shape
    TinyNet net;
    StateDict dict = stateDictOf(net);
    for (auto &entry : dict)
        entry.second = entry.second.detach().clone();
    const torch::Tensor before = net.fc->bias.detach().clone();
    dict[1].second = torch::full({2}, 9.0f);            // fc.bias: would change if copied
    dict[0].second = torch::zeros({3, 2});              // fc.weight: transposed shape
    dict.erase(dict.begin() + 2);                       // bn.weight missing
    dict.emplace_back("head.weight", torch::zeros({1}));
    // WHEN applied
    const QString message = errorOf([&] { applyStateDict(net, dict); });
    // THEN one error names all three problems and nothing was copied
    QVERIFY2(message.contains("1 missing keys (bn.weight)"), qPrintable(message));
    QVERIFY2(message.contains("1 unexpected keys (head.weight)"), qPrintable(message));
    QVERIFY2(message.contains("fc.weight: model [2, 3] vs checkpoint [3, 2]"), qPrintable(message));
    QVERIFY(torch::equal(net.fc->bias, before));
    // AND non-strict loading tolerates the extra key but not the others
    dict.erase(dict.begin()); // drop the wrong-shape weight too: now fc.weight is missing
    const QString lenient = errorOf([&] { applyStateDict(net, dict, {}, /*strict=*/false); });
    QVERIFY(!lenient.contains("unexpected"));
    QVERIFY(lenient.contains("missing keys"));
}

QTEST_GUILESS_MAIN(TestFeatures)
#include "tst_features.moc"
