// SPDX-License-Identifier: GPL-3.0-or-later
// Fidelity of the shipped official TDC-17 vocals model against the official paper-era
// separator on real music (fixture tdc17-real-a): chunk, network input, network output, vocals.
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "tensorfixtures.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::tfctdf;
using namespace mirstudio::tfctdf::testing;

class TestTdc17Fidelity : public QObject
{
    Q_OBJECT

private:
    QString m_dir;
    static constexpr double kTolerance = 1e-4;

    QString fixture(const char *name) const { return m_dir + "/" + name; }

    static ChunkedSeparator shippedSeparator()
    {
        const QString weights = QStringLiteral(MIRSTUDIO_SOURCE_DIR) +
                                "/resources/models/tfctdf/cac_tdc_17_vocals_top1.pt";
        return ChunkedSeparator(loadNetwork(weights.toStdString(), UNetConfig::tdc17()),
                                ChunkScheme::paper(UNetConfig::tdc17()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QStringLiteral(MIRSTUDIO_SHARED_DIR) + "/fixtures/golden/tdc17-real-a";
        if (!QDir(m_dir).exists())
            QSKIP("the shared fixtures folder (../shared/fixtures/golden/tdc17-real-a) is missing");
    }

    void firstChunkMatchesTheOfficialTensors()
    {
        // GIVEN the shipped official weights and the fixture's first chunk
        ChunkedSeparator separator = shippedSeparator();
        const torch::Tensor audio = entry(loadTensorDict(fixture("input.pt")), "audio");
        const NamedTensors chunk0 = loadTensorDict(fixture("chunk0.pt"));
        torch::NoGradGuard noGrad;

        // WHEN chunk 0 is cut, transformed and run through the network
        const torch::Tensor chunk = separator.chunk(audio, 0);
        const torch::Tensor spec = separator.spectrogram(chunk.unsqueeze(0));
        const torch::Tensor out = separator.network()->forward(entry(chunk0, "spec_in"));

        // THEN every tensor matches within 1e-4 of its peak
        const double chunkErr = relativeError(chunk, entry(chunk0, "chunk_in"));
        const double specErr = relativeError(spec, entry(chunk0, "spec_in"));
        const double outErr = relativeError(out, entry(chunk0, "spec_out"));
        qInfo("chunk_in %.3g, spec_in %.3g, spec_out %.3g", chunkErr, specErr, outErr);
        QVERIFY(chunkErr == 0.0);
        QVERIFY(specErr <= kTolerance);
        QVERIFY(outErr <= kTolerance);
    }

    void wholeSeparationMatchesTheOfficialVocals()
    {
        // GIVEN the 6 s real recording
        ChunkedSeparator separator = shippedSeparator();
        const torch::Tensor audio = entry(loadTensorDict(fixture("input.pt")), "audio");
        const torch::Tensor ref = entry(loadTensorDict(fixture("output.pt")), "vocals");
        QCOMPARE(separator.scheme().chunkCount(audio.size(1)), int64_t(5));
        for (int batch : {1, 5}) {
            // WHEN it is separated chunk by chunk (batch 1) and in one batch (as the notebook)
            const torch::Tensor vocals = separator.separate(audio, batch);
            // THEN the vocals match the official output
            const double err = relativeError(vocals, ref);
            qInfo("vocals (batch %d): relative error %.3g", batch, err);
            QVERIFY(err <= kTolerance);
        }
    }
};

QTEST_GUILESS_MAIN(TestTdc17Fidelity)
#include "tst_tdc17_fidelity.moc"
