// SPDX-License-Identifier: GPL-3.0-or-later
// Fidelity of the TFC-TDF U-Net against the official code's tensors (fixture tfctdf-a):
// the paper-era and the maintained key layout, and the maintained separation path end to end.
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/statedictimport.h"
#include "plugins/tfctdf/unet.h"
#include "tensorfixtures.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::tfctdf;
using namespace mirstudio::tfctdf::testing;

class TestTfcTdfFidelity : public QObject
{
    Q_OBJECT

private:
    QString m_dir;
    static constexpr double kTolerance = 1e-4;

    QString fixture(const char *name) const { return m_dir + "/" + name; }

    UNet loadedNet(const char *stateFile)
    {
        UNet net(UNetConfig::tfcTdf17());
        loadPaperStateDict(*net, toPaperLayout(loadTensorDict(fixture(stateFile))));
        net->eval();
        return net;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QStringLiteral(MIRSTUDIO_SHARED_DIR) + "/fixtures/golden/tfctdf-a";
        if (!QDir(m_dir).exists())
            QSKIP("the shared fixtures folder (../shared/fixtures/golden/tfctdf-a) is missing");
        torch::manual_seed(0);
    }

    void paperLayoutNetworkMatchesEveryChunk()
    {
        // GIVEN the paper-era state dict and the official network input/output
        UNet net = loadedNet("paper_code_state_dict.pt");
        const NamedTensors io = loadTensorDict(fixture("paper_code_io.pt"));
        const torch::Tensor in = entry(io, "spec_in"), ref = entry(io, "spec_out");
        torch::NoGradGuard noGrad;
        for (int64_t k = 0; k < in.size(0); ++k) {
            // WHEN one chunk runs through the network
            const torch::Tensor out = net->forward(in.narrow(0, k, 1));
            // THEN it matches the official output within 1e-4 of the peak
            const double err = relativeError(out, ref.narrow(0, k, 1));
            qInfo("paper layout chunk %lld: relative error %.3g", (long long)k, err);
            QVERIFY(err <= kTolerance);
        }
    }

    void maintainedLayoutNetworkMatchesEveryChunk()
    {
        // GIVEN the maintained package's state dict, mapped onto the same module tree
        UNet net = loadedNet("state_dict.pt");
        const NamedTensors io = loadTensorDict(fixture("io.pt"));
        const torch::Tensor in = entry(io, "spec_in"), ref = entry(io, "spec_out");
        torch::NoGradGuard noGrad;
        for (int64_t k = 0; k < in.size(0); ++k) {
            // WHEN the maintained-layout input is converted, run and converted back
            const torch::Tensor out =
                swapSpectrogramLayout(net->forward(swapSpectrogramLayout(in.narrow(0, k, 1))));
            // THEN it matches the maintained code's output
            const double err = relativeError(out, ref.narrow(0, k, 1));
            qInfo("maintained layout chunk %lld: relative error %.3g", (long long)k, err);
            QVERIFY(err <= kTolerance);
        }
    }

    void maintainedSeparationPathMatchesEveryTensor()
    {
        // GIVEN the maintained chunking scheme and the fixture's audio (samples, channels)
        ChunkedSeparator separator(loadedNet("state_dict.pt"), ChunkScheme::maintained(UNetConfig::tfcTdf17()));
        const torch::Tensor audio = entry(loadTensorDict(fixture("input.pt")), "audio").t().contiguous();
        const NamedTensors io = loadTensorDict(fixture("io.pt"));
        const torch::Tensor chunksIn = entry(io, "chunks_in").transpose(1, 2);   // [B, 2, L]
        const torch::Tensor chunksOut = entry(io, "chunks_out").transpose(1, 2);
        QCOMPARE(separator.scheme().chunkCount(audio.size(1)), chunksIn.size(0));

        torch::NoGradGuard noGrad;
        for (int64_t k = 0; k < chunksIn.size(0); ++k) {
            // WHEN chunk k is cut, transformed and transformed back
            const torch::Tensor chunk = separator.chunk(audio, k);
            QVERIFY(relativeError(chunk, chunksIn[k]) == 0.0);
            const torch::Tensor spec = separator.spectrogram(chunk.unsqueeze(0));
            const double specErr = relativeError(swapSpectrogramLayout(spec), entry(io, "spec_in").narrow(0, k, 1));
            const torch::Tensor wave =
                separator.waveform(swapSpectrogramLayout(entry(io, "spec_out").narrow(0, k, 1)));
            const double waveErr = relativeError(wave[0], chunksOut[k]);
            qInfo("chunk %lld: spec_in %.3g, chunks_out %.3g", (long long)k, specErr, waveErr);
            // THEN the STFT and iSTFT reproduce the official tensors
            QVERIFY(specErr <= kTolerance);
            QVERIFY(waveErr <= kTolerance);
        }
        // AND the whole separation reproduces `separated`
        const torch::Tensor separated = separator.separate(audio, 2);
        const torch::Tensor ref = entry(loadTensorDict(fixture("output.pt")), "separated").t();
        const double err = relativeError(separated, ref);
        qInfo("separated: relative error %.3g", err);
        QVERIFY(err <= kTolerance);
    }
};

QTEST_GUILESS_MAIN(TestTfcTdfFidelity)
#include "tst_tfctdf_fidelity.moc"
