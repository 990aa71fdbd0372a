// SPDX-License-Identifier: GPL-3.0-or-later
// ScriptedModel on tiny nn~-style models exported by tests/data/make_tiny_models.py.
#include "plugins/torchscript/scriptedmodel.h"

#include <torch/torch.h>

#include <QTest>

using mirstudio::torchscript::MethodInfo;
using mirstudio::torchscript::ScriptedModel;

namespace {

const QString kData = QStringLiteral(MIRSTUDIO_SOURCE_DIR "/plugins/torchscript/tests/data/");

/** What streaming_ae's forward computes on one continuous stream: 0.5 * x delayed by one sample. */
torch::Tensor delayedHalf(const torch::Tensor &x)
{
    return 0.5 * torch::cat({torch::zeros({x.size(0), 1}), x.narrow(1, 0, x.size(1) - 1)}, 1);
}

} // namespace

class TestScriptedModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsMethodsWithTheirRatios()
    {
        // GIVEN the nn~-style model
        const ScriptedModel model(kData + "streaming_ae.ts");
        // THEN get_methods() order and the *_params buffers are read, and its sampling rate
        QCOMPARE(int(model.methods().size()), 3);
        QCOMPARE(model.methods()[0].name, QStringLiteral("forward"));
        const MethodInfo enc = *model.method("encode");
        QCOMPARE(enc.inChannels, 1);
        QCOMPARE(enc.inRatio, 1);
        QCOMPARE(enc.outChannels, 2);
        QCOMPARE(enc.outRatio, 4);
        QVERIFY(enc.declared);
        QCOMPARE(model.method("decode")->inRatio, 4);
        QVERIFY(!model.method("generate"));
        QCOMPARE(model.sampleRate(), 16000.0);
    }

    void chunksFormOneContinuousStream()
    {
        // GIVEN 10007 samples of noise (not a multiple of the chunk)
        const ScriptedModel model(kData + "streaming_ae.ts");
        torch::manual_seed(3);
        const auto x = torch::randn({1, 10007});
        // WHEN forward runs in chunks of 1000 and all at once
        int calls = 0;
        const auto chunked = model.run(*model.method("forward"), x, 1000, [&](int64_t, int64_t) {
            ++calls;
            return true;
        });
        const auto whole = model.run(*model.method("forward"), x, 0);
        // THEN both equal the continuous computation: the cache carried over chunk borders,
        // and each run started from the saved (zero) cache
        QVERIFY(torch::equal(chunked, delayedHalf(x)));
        QVERIFY(torch::equal(whole, delayedHalf(x)));
        QCOMPARE(calls, 11 + 1);   // before each of 11 chunks, and at the end
    }

    void encodeAndDecodeHonourRatios()
    {
        // GIVEN 4096 samples
        const ScriptedModel model(kData + "streaming_ae.ts");
        torch::manual_seed(4);
        const auto x = torch::randn({1, 4096});
        // WHEN encoded in 1000-sample chunks (rounded up to 1000, a multiple of 4) and decoded
        const auto z = model.run(*model.method("encode"), x, 1000);
        const auto y = model.run(*model.method("decode"), z, 1000);
        // THEN there is one 2-dim code per 4 samples (block mean, block peak) and decode holds
        // the mean for 4 samples
        QCOMPARE(z.size(0), int64_t(2));
        QCOMPARE(z.size(1), int64_t(1024));
        const auto blocks = x.reshape({1024, 4});
        QVERIFY(torch::allclose(z[0], blocks.mean(1)));
        QVERIFY(torch::allclose(z[1], blocks.abs().amax(1)));
        QCOMPARE(y.size(1), int64_t(4096));
        QVERIFY(torch::allclose(y[0], blocks.mean(1).repeat_interleave(4)));
    }

    void plainModuleRunsItsForward()
    {
        // GIVEN a scripted module without nn~ metadata
        const ScriptedModel model(kData + "plain_forward.ts");
        // THEN its forward is offered with open channel counts and runs on stereo
        QCOMPARE(int(model.methods().size()), 1);
        const MethodInfo f = model.methods().front();
        QVERIFY(!f.declared);
        QCOMPARE(f.inChannels, -1);
        const auto y = model.run(f, torch::ones({2, 10}), 4);
        QVERIFY(torch::equal(y, torch::full({2, 10}, 3.0f)));
    }

    void brokenModelsGiveClearErrors()
    {
        // GIVEN a model whose output breaks its declared ratio, and a file that is no model
        const ScriptedModel bad(kData + "bad_ratio.ts");
        // THEN run and load throw with a message naming the problem
        try {
            bad.run(*bad.method("forward"), torch::zeros({1, 64}), 32);
            QFAIL("no error for a wrong output length");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("returned 16 frames"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ScriptedModel(kData + "make_tiny_models.py"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 ScriptedModel(kData + "streaming_ae.ts").run(MethodInfo{"forward", 1}, torch::zeros({2, 8}), 0));
    }

    void stopsWhenAsked()
    {
        // GIVEN a progress callback that refuses the third chunk
        const ScriptedModel model(kData + "streaming_ae.ts");
        const auto y = model.run(*model.method("forward"), torch::zeros({1, 10000}), 1000,
                                 [](int64_t done, int64_t) { return done < 2; });
        // THEN the run returns no tensor
        QVERIFY(!y.defined());
    }
};

QTEST_GUILESS_MAIN(TestScriptedModel)
#include "tst_scriptedmodel.moc"
