// SPDX-License-Identifier: GPL-3.0-or-later
// Measured SDR of the shipped TDC-17 vocals model on a mixture made from the shared data (there is
// no MUSDB18 here): 4 s of real a-cappella singing (Dagstuhl ChoirSet, the four singers' dynamic
// microphones one after the other) over 4 s of an instrumental recording ("Vibe Ace" from 6 s),
// both at equal RMS (dual mono plus noise 60 dB down per channel). Scored with the toolkit's museval-v4 BSS-eval; the numbers go to
// docs/results.md. Needs ../shared/data (label fidelity).
#include "core/media/audiofile.h"
#include "core/media/resampler.h"
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/toolkit/bsseval.h"

#include <QDir>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::tfctdf;

namespace {

constexpr int kRate = 44100;

/** Mono audio at 44.1 kHz from `path`, samples [fromSeconds, fromSeconds + seconds). */
torch::Tensor monoExcerpt(const QString &path, double fromSeconds, double seconds)
{
    media::AudioData d = media::resample(media::readAudio(path), kRate);
    const int64_t from = int64_t(fromSeconds * kRate), n = int64_t(seconds * kRate);
    torch::Tensor t = torch::zeros({n});
    const int64_t avail = std::min<int64_t>(n, d.frames() - from);
    std::copy(d.channels[0].begin() + from, d.channels[0].begin() + from + avail, t.data_ptr<float>());
    return t;
}

double medianSdr(const toolkit::BssEvalResult &r, int source)
{
    return toolkit::BssEvalResult::median(r.sdr[size_t(source)]);
}

} // namespace

class TestTfcTdfSdr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vocalsBeatTheMixtureBaseline()
    {
        const QString data = QStringLiteral(MIRSTUDIO_SHARED_DIR) + "/data";
        const QString choir = data + "/dagstuhl_choirset_excerpt/audio_wav_22050_mono/DCS_LI_QuartetB_Take04_";
        if (!QDir(data).exists())
            QSKIP("the shared data folder (../shared/data) is missing");
        // GIVEN 4 s of singing over 4 s of instrumental music, dual mono, equal RMS
        std::vector<torch::Tensor> voices;
        for (const char *singer : {"S1", "A2", "T2", "B2"})
            voices.push_back(monoExcerpt(choir + singer + "_DYN.wav", 0.0, 1.0));
        torch::Tensor vocals = torch::cat(voices);
        torch::Tensor accompaniment = monoExcerpt(data + "/librosa_audio/Kevin_MacLeod_-_Vibe_Ace.ogg", 6.0, 4.0);
        const double scale = 0.1 / accompaniment.square().mean().sqrt().item<double>();
        accompaniment = accompaniment * scale;
        vocals = vocals * (0.1 / vocals.square().mean().sqrt().item<double>());
        // Dual mono makes BSS-eval's image projection singular (L and R are copies); independent
        // white noise 60 dB below each source and channel keeps it solvable and changes nothing audible.
        torch::manual_seed(0);
        torch::Tensor refs = torch::stack({vocals, accompaniment}).unsqueeze(1).expand({2, 2, -1}).contiguous();
        refs = refs + 1e-4 * torch::randn(refs.sizes());
        const torch::Tensor mix = refs.sum(0);  // [2, n]

        // WHEN the shipped model separates the mixture
        const QString weights = QStringLiteral(MIRSTUDIO_SOURCE_DIR) + "/resources/models/tfctdf/cac_tdc_17_vocals_top1.pt";
        ChunkedSeparator separator(loadNetwork(weights.toStdString(), UNetConfig::tdc17()),
                                   ChunkScheme::paper(UNetConfig::tdc17()));
        const torch::Tensor estVocals = separator.separate(mix, 1);
        const torch::Tensor estimates = torch::stack({estVocals, mix - estVocals});
        const toolkit::BssEvalResult model = toolkit::bssEval(refs, estimates);
        const toolkit::BssEvalResult baseline = toolkit::bssEval(refs, torch::stack({mix, mix}));

        // THEN the vocals SDR beats the "mixture as estimate" baseline
        qInfo("museval v4 median SDR: vocals %.2f dB (mixture baseline %.2f dB), accompaniment %.2f dB "
              "(baseline %.2f dB)", medianSdr(model, 0), medianSdr(baseline, 0), medianSdr(model, 1),
              medianSdr(baseline, 1));
        QVERIFY(medianSdr(model, 0) > medianSdr(baseline, 0));
    }
};

QTEST_GUILESS_MAIN(TestTfcTdfSdr)
#include "tst_tfctdf_sdr_fidelity.moc"
