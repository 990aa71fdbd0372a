// SPDX-License-Identifier: GPL-3.0-or-later
// The dMelodies benchmark VAEs against golden fixtures made by the official code
// (shared/fixtures/golden/dmelodies-rnnvae-a and dmelodies-cnnvae-a).
#include "plugins/dmelodies/cnnvae.h"
#include "plugins/dmelodies/modelweights.h"
#include "plugins/dmelodies/rnnvae.h"
#include "plugins/toolkit/checkpointreader.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::dmelodies;
using mirstudio::toolkit::StateDict;

namespace {

torch::Tensor entry(const StateDict &dict, const std::string &key)
{
    for (const auto &[k, v] : dict)
        if (k == key)
            return v;
    throw std::runtime_error("missing entry " + key);
}

double relativeError(const torch::Tensor &got, const torch::Tensor &ref)
{
    return (got.to(torch::kDouble) - ref.to(torch::kDouble)).abs().max().item<double>()
           / ref.abs().max().item<double>();
}

} // namespace

class TestDMelodiesFidelity : public QObject
{
    Q_OBJECT

    QString m_rnnDir, m_cnnDir;

    static StateDict load(const QString &dir, const char *name)
    {
        return mirstudio::toolkit::loadStateDict(QDir(dir).filePath(QLatin1String(name)));
    }

    static void expectClose(const char *what, const torch::Tensor &got, const torch::Tensor &ref)
    {
        QCOMPARE(got.sizes().vec(), ref.sizes().vec());
        const double err = relativeError(got, ref);
        qInfo("%s: error %.3g of peak", what, err);
        QVERIFY2(err <= 1e-4, what);
    }

private Q_SLOTS:
    void initTestCase()
    {
        torch::NoGradGuard guard;
        m_rnnDir = QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden/dmelodies-rnnvae-a");
        m_cnnDir = QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden/dmelodies-cnnvae-a");
        if (!QDir(m_rnnDir).exists() || !QDir(m_cnnDir).exists())
            QSKIP("the shared fixtures folder (shared/fixtures/golden/dmelodies-*) is missing");
    }

    void rnnEncoderAndDecoder()
    {
        torch::NoGradGuard guard;
        // GIVEN the official RNN VAE weights in eval mode and the fixture's tokens
        RnnVae model;
        loadOfficialStateDict(*model, load(m_rnnDir, "state_dict.pt"));
        model->eval();
        const auto tokens = entry(load(m_rnnDir, "input.pt"), "tokens");
        const auto enc = load(m_rnnDir, "encoder.pt");
        const auto tf = load(m_rnnDir, "decoder_teacher_forced.pt");
        const auto greedy = load(m_rnnDir, "decoder_greedy.pt");
        // WHEN it encodes
        const auto post = model->encode(tokens);
        // THEN the encoder state and posterior match
        expectClose("enc_hidden", model->encoderHidden(tokens), entry(enc, "enc_hidden"));
        expectClose("z_mean", post.mean, entry(enc, "z_mean"));
        expectClose("z_log_std", post.logStd, entry(enc, "z_log_std"));
        expectClose("z_scale", post.scale(), entry(enc, "z_scale"));
        // WHEN it decodes with the saved eps, teacher-forced and greedy
        const auto out = model->forward(tokens, entry(tf, "eps"), true);
        expectClose("z", out.z, entry(tf, "z"));
        expectClose("beat_rnn_out", model->beatRnn(out.z), entry(tf, "beat_rnn_out"));
        expectClose("weights_tf", out.scores, entry(tf, "weights_tf"));
        QVERIFY(torch::equal(out.scores.argmax(-1), entry(tf, "recon_argmax_tf")));
        const auto scoresGreedy = model->decode(entry(greedy, "z"));
        expectClose("weights_greedy", scoresGreedy, entry(greedy, "weights_greedy"));
        // THEN the greedy tokens fed back are the official samples
        QVERIFY(torch::equal(scoresGreedy.argmax(-1), entry(greedy, "samples_greedy").squeeze(1)));
    }

    void cnnEncoderAndDecoder()
    {
        torch::NoGradGuard guard;
        // GIVEN the official CNN VAE weights in eval mode and the fixture's tokens
        CnnVae model;
        loadOfficialStateDict(*model, load(m_cnnDir, "state_dict.pt"));
        model->eval();
        const auto tokens = entry(load(m_cnnDir, "input.pt"), "tokens");
        const auto enc = load(m_cnnDir, "encoder.pt");
        const auto dec = load(m_cnnDir, "decoder.pt");
        // WHEN it encodes and decodes with the saved eps
        const auto out = model->forward(tokens, entry(dec, "eps"));
        // THEN every saved tensor matches
        expectClose("enc_cnn_out", model->encoderCnn(tokens), entry(enc, "enc_cnn_out"));
        expectClose("z_mean", out.posterior.mean, entry(enc, "z_mean"));
        expectClose("z_log_std", out.posterior.logStd, entry(enc, "z_log_std"));
        expectClose("z", out.z, entry(dec, "z"));
        expectClose("dec_cnn_out", model->decoderCnn(out.z), entry(dec, "dec_cnn_out"));
        expectClose("note_logits", out.scores, entry(dec, "note_logits"));
        QVERIFY(torch::equal(out.scores.argmax(-1), entry(dec, "recon_argmax")));
        QVERIFY(torch::equal(out.scores.argmax(1), entry(dec, "notes_dim1")));
    }

    void savedWeightsRoundTrip()
    {
        // GIVEN the CNN weights WHEN saved under official keys and read back into a fresh model
        CnnVae a, b;
        loadOfficialStateDict(*a, load(m_cnnDir, "state_dict.pt"));
        const QString path = QDir::temp().filePath(QStringLiteral("dmel_roundtrip.pt"));
        saveOfficialWeights(*a, path);
        loadOfficialWeights(*b, path);
        // THEN every parameter is identical
        auto pa = a->named_parameters(), pb = b->named_parameters();
        for (const auto &p : pa)
            QVERIFY(torch::equal(p.value(), pb[p.key()]));
        QFile::remove(path);
    }
};

QTEST_GUILESS_MAIN(TestDMelodiesFidelity)
#include "tst_dmelodiesfidelity.moc"
