// SPDX-License-Identifier: GPL-3.0-or-later
// The U-Net's structure (shapes, parameter counts, key names), the key-layout import, the
// librosa-style iSTFT and the chunking, without the shared fixtures.
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/tfctdf/statedictimport.h"
#include "plugins/tfctdf/unet.h"
#include "plugins/toolkit/stft.h"
#include "tensorfixtures.h"

#include <QTest>

using namespace mirstudio::tfctdf;

namespace {

int64_t trainableCount(UNetImpl &net)
{
    int64_t n = 0;
    for (const auto &p : net.parameters())
        n += p.numel();
    return n;
}

NamedTensors stateOf(UNetImpl &net)
{
    NamedTensors out;
    for (const auto &p : net.named_parameters())
        out.emplace_back(p.key(), p.value().detach().clone());
    for (const auto &b : net.named_buffers())
        out.emplace_back(b.key(), b.value().clone());
    return out;
}

/** A small configuration of each block type that runs in milliseconds. */
UNetConfig small(BlockType block, SamplingType sampling)
{
    UNetConfig c;
    c.block = block;
    c.sampling = sampling;
    c.numBlocks = 5;
    c.internalChannels = 8;
    c.numLayers = 2;
    c.nFft = 128;
    c.frames = 8;
    c.bnFactor = 4;
    c.minBnUnits = 4;
    c.rnnBnFactor = 4;
    if (sampling == SamplingType::Conv2d)
        c.tDownLayers = {0};
    return c;
}

} // namespace

class TestTfcTdfModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(0); }

    void publishedConfigurationsHaveThePapersParameterCounts()
    {
        // GIVEN the two published 17-block configurations
        UNet tdc(UNetConfig::tdc17());
        UNet tfcTdf(UNetConfig::tfcTdf17());
        // THEN their sizes are the ones the official notebooks print
        QCOMPARE(trainableCount(*tdc), int64_t(535924));
        QCOMPARE(trainableCount(*tfcTdf), int64_t(1930840));
        // AND the TDC state dict has the 716 entries of the published checkpoint
        QCOMPARE(int(stateOf(*tdc).size()), 716);
        QCOMPARE(int(stateOf(*tfcTdf).size()), 954);
        const auto params = tdc->named_parameters();
        QVERIFY(params.contains("encoders.0.H.4.0.weight"));
        QCOMPARE(params["decoders.7.H.0.0.weight"].sizes().vec(), (std::vector<int64_t>{24, 48, 3}));
        QCOMPARE(params["upsampling.3.conv.weight"].sizes().vec(), (std::vector<int64_t>{24, 24, 2}));
        QCOMPARE(params["first_conv.0.weight"].sizes().vec(), (std::vector<int64_t>{24, 4, 2, 1}));
        const auto tfcParams = tfcTdf->named_parameters();
        QCOMPARE(tfcParams["encoders.0.tif.tif.0.weight"].sizes().vec(), (std::vector<int64_t>{64, 1024}));
        QCOMPARE(tfcParams["downsampling.0.0.weight"].sizes().vec(), (std::vector<int64_t>{24, 24, 2, 2}));
        QCOMPARE(tfcParams["downsampling.1.0.weight"].sizes().vec(), (std::vector<int64_t>{24, 24, 1, 2}));
    }

    void everyBlockTypeKeepsTheSpectrogramShape_data()
    {
        QTest::addColumn<int>("block");
        QTest::addColumn<int>("sampling");
        for (BlockType b : {BlockType::Tdc, BlockType::Tfc, BlockType::Tdf, BlockType::TfcTdf,
                            BlockType::TdcRnn, BlockType::TfcRnn}) {
            for (SamplingType s : {SamplingType::TdcSampling, SamplingType::Conv2d}) {
                const QByteArray name = QByteArray(blockTypeName(b)) +
                                        (s == SamplingType::Conv2d ? " conv2d" : " tdc_sampling");
                QTest::newRow(name.constData()) << int(b) << int(s);
            }
        }
    }

    void everyBlockTypeKeepsTheSpectrogramShape()
    {
        QFETCH(int, block);
        QFETCH(int, sampling);
        // GIVEN a small U-Net of this block type, in eval mode
        UNet net(small(BlockType(block), SamplingType(sampling)));
        net->eval();
        torch::NoGradGuard noGrad;
        // WHEN a [B, 4, nFft/2+1, frames] spectrogram goes through it
        const torch::Tensor in = torch::randn({3, 4, 65, 8});
        const torch::Tensor out = net->forward(in);
        // THEN the output has the input's shape and is finite
        QCOMPARE(out.sizes().vec(), in.sizes().vec());
        QVERIFY(torch::isfinite(out).all().item<bool>());
        // AND batching does not change a chunk's result
        const torch::Tensor one = net->forward(in.narrow(0, 1, 1));
        QVERIFY(testing::relativeError(one, out.narrow(0, 1, 1)) < 1e-5);
    }

    void tdcFramesAreIndependent()
    {
        // GIVEN the TDC-17 network (no temporal context: every kernel acts along F)
        UNet net(UNetConfig::tdc17());
        net->eval();
        torch::NoGradGuard noGrad;
        torch::Tensor in = torch::randn({1, 4, 1025, 64});
        const torch::Tensor out = net->forward(in);
        // WHEN one frame of the input changes
        in.select(3, 10).mul_(3.0);
        const torch::Tensor changed = net->forward(in);
        // THEN only that output frame changes
        const torch::Tensor diff = (changed - out).abs().amax({0, 1, 2});
        QVERIFY(diff[10].item<float>() > 0.0f);
        QCOMPARE(diff.gt(0).sum().item<int64_t>(), int64_t(1));
    }

    void maintainedKeysMapOntoThePaperTree()
    {
        // GIVEN a paper-layout state dict turned into the maintained layout by hand
        UNet net(UNetConfig::tfcTdf17());
        const NamedTensors paper = stateOf(*net);
        NamedTensors maintained{{"stft.stft.window", torch::ones({2048})}};
        const torch::Tensor perm = complexChannelPermutation();
        for (const auto &[key, t] : paper) {
            std::string k = key;
            torch::Tensor v = t;
            for (auto [from, to] : {std::pair{"downsampling.", "downsamplings."}, {"upsampling.", "upsamplings."},
                                    {"final_conv.", "last_conv."}})
                if (k.rfind(from, 0) == 0)
                    k = to + k.substr(std::string(from).size());
            if (key == "first_conv.0.weight")
                v = t.index_select(1, perm).transpose(2, 3);
            if (key == "final_conv.0.weight")
                v = t.index_select(0, perm).transpose(2, 3);
            if (key == "final_conv.0.bias")
                v = t.index_select(0, perm);
            maintained.emplace_back("spec2spec." + k, v.contiguous());
        }
        QVERIFY(detectKeyLayout(maintained) == KeyLayout::Maintained);
        // WHEN it is mapped back and loaded into a fresh network
        const NamedTensors mapped = toPaperLayout(maintained);
        UNet fresh(UNetConfig::tfcTdf17());
        loadPaperStateDict(*fresh, mapped);
        // THEN every tensor equals the original
        const auto loaded = fresh->named_parameters();
        for (const auto &[key, t] : paper)
            if (loaded.contains(key))
                QVERIFY2(torch::equal(loaded[key], t), key.c_str());
        QCOMPARE(mapped.size(), paper.size());
    }

    void strictLoadingNamesTheProblem()
    {
        UNet net(UNetConfig::tdc17());
        NamedTensors state = stateOf(*net);
        // GIVEN a state dict with a missing, an unexpected and a mis-shaped entry
        state.erase(state.begin());
        state.emplace_back("encoders.99.H.0.0.weight", torch::zeros({1}));
        for (auto &[key, t] : state)
            if (key == "final_conv.0.bias")
                t = torch::zeros({5});
        // WHEN it is loaded THEN the error names all three
        try {
            loadPaperStateDict(*net, state);
            QFAIL("no error");
        } catch (const std::runtime_error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("first_conv.0.weight"), e.what());
            QVERIFY2(msg.contains("encoders.99.H.0.0.weight"), e.what());
            QVERIFY2(msg.contains("final_conv.0.bias"), e.what());
        }
        // AND a TFC-TDF checkpoint does not load into the TDC tree
        UNet other(UNetConfig::tfcTdf17());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadPaperStateDict(*net, stateOf(*other)));
    }

    void toolkitIstftInvertsTheUncentredStft()
    {
        // GIVEN noise and its center=False STFT (periodic Hann, hop = nFft/2)
        const torch::Tensor x = torch::randn({2, 66560});
        mirstudio::toolkit::StftConfig cfg;
        cfg.nFft = 2048;
        cfg.hop = 1024;
        cfg.center = false;
        const torch::Tensor X = mirstudio::toolkit::stft(x, cfg);
        QCOMPARE(X.sizes().vec(), (std::vector<int64_t>{2, 1025, 64}));
        // WHEN it is inverted the librosa way (toolkit istft, center=false)
        const torch::Tensor y = mirstudio::toolkit::istft(X, cfg);
        // THEN the well-conditioned interior comes back (the edges are trimmed by the separator)
        QCOMPARE(y.sizes().vec(), x.sizes().vec());
        const auto inner = torch::indexing::Slice(5000, 66560 - 5000);
        QVERIFY(testing::relativeError(y.index({torch::indexing::Slice(), inner}),
                                       x.index({torch::indexing::Slice(), inner})) < 1e-5);
    }

    void chunkSchemesCountAsTheOfficialCode()
    {
        const ChunkScheme paper = ChunkScheme::paper(UNetConfig::tdc17());
        const ChunkScheme maintained = ChunkScheme::maintained(UNetConfig::tfcTdf17());
        QCOMPARE(paper.length, int64_t(66560));
        QCOMPARE(paper.step(), int64_t(56560));
        QCOMPARE(paper.chunkCount(264600), int64_t(5));
        QCOMPARE(paper.chunkCount(56560), int64_t(2));  // pad is never 0: one all-zero chunk
        QCOMPARE(maintained.length, int64_t(64512));
        QCOMPARE(maintained.trim, int64_t(5120));
        QCOMPARE(maintained.chunkCount(88200), int64_t(2));
    }

    void separationIsIndependentOfTheBatchSize()
    {
        // GIVEN a random-weight TDC-17 and 3 s of noise
        ChunkedSeparator separator(UNet(UNetConfig::tdc17()), ChunkScheme::paper(UNetConfig::tdc17()));
        const torch::Tensor mix = 0.1 * torch::randn({2, 132300});
        // WHEN it is separated one chunk at a time and three at a time
        int64_t lastReady = 0;
        int calls = 0;
        const torch::Tensor a = separator.separate(mix, 1, {}, [&](int64_t, int64_t, int64_t ready, const torch::Tensor &) {
            QVERIFY(ready > lastReady);
            lastReady = ready;
            ++calls;
        });
        const torch::Tensor b = separator.separate(mix, 3);
        // THEN both give the same finite full-length result, and progress came per chunk
        QCOMPARE(a.sizes().vec(), mix.sizes().vec());
        QVERIFY(torch::isfinite(a).all().item<bool>());
        QVERIFY(testing::relativeError(a, b) < 1e-5);
        QCOMPARE(calls, int(separator.scheme().chunkCount(132300)));
        QCOMPARE(lastReady, int64_t(132300));
    }
};

QTEST_GUILESS_MAIN(TestTfcTdfModel)
#include "tst_tfctdf_model.moc"
