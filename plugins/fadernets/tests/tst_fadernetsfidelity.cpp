// SPDX-License-Identifier: GPL-3.0-or-later
// The Music FaderNets GM-VAE against the golden fixture made by the official code
// (shared/fixtures/golden/fadernets-a: paper sizes, int8 x power-of-two weights).
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/fadernets/musicattrgmvae.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::fadernets;
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
           / ref.to(torch::kDouble).abs().max().item<double>();
}

} // namespace

class TestFaderNetsFidelity : public QObject
{
    Q_OBJECT

    QString m_dir;
    MusicAttrGmvae m_model{nullptr};
    StateDict m_input;

    StateDict load(const char *name) const
    {
        return mirstudio::toolkit::loadStateDict(QDir(m_dir).filePath(QLatin1String(name)));
    }

    static void expectClose(const char *what, const torch::Tensor &got, const torch::Tensor &ref)
    {
        QCOMPARE(got.sizes().vec(), ref.sizes().vec());
        const double err = relativeError(got, ref);
        qInfo("%s: error %.3g of peak", what, err);
        QVERIFY2(err <= 1e-4, what);
    }

    static void expectEqual(const char *what, const torch::Tensor &got, const torch::Tensor &ref)
    {
        QCOMPARE(got.sizes().vec(), ref.sizes().vec());
        QVERIFY2(torch::equal(got.to(torch::kLong), ref.to(torch::kLong)), what);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QStringLiteral(MIRSTUDIO_SHARED_DIR "/fixtures/golden/fadernets-a");
        if (!QDir(m_dir).exists())
            QSKIP("the shared fixtures folder (shared/fixtures/golden/fadernets-a) is missing");
        torch::NoGradGuard guard;
        // GIVEN the paper-size model with the fixture's dequantised official weights
        m_model = MusicAttrGmvae(GmvaeConfig{});
        loadGmvaeStateDict(*m_model, dequantiseStateDict(load("state_dict_int8.pt"),
                                                         load("state_dict_scale.pt")));
        m_input = load("input.pt");
    }

    void encoder()
    {
        torch::NoGradGuard guard;
        const auto enc = load("encoder.pt");
        const auto dOh = entry(m_input, "d_oh");
        // WHEN both encoders read the event one-hots
        const auto [rhythm, note] = m_model->encode(dOh);
        // THEN final states and posteriors match the official ones
        expectClose("enc_h_r", m_model->rhythmEncoderState(dOh), entry(enc, "enc_h_r"));
        expectClose("enc_h_n", m_model->noteEncoderState(dOh), entry(enc, "enc_h_n"));
        expectClose("mu_r", rhythm.mu, entry(enc, "mu_r"));
        expectClose("std_r", rhythm.std, entry(enc, "std_r"));
        expectClose("mu_n", note.mu, entry(enc, "mu_n"));
        expectClose("std_n", note.std, entry(enc, "std_n"));
    }

    void forwardEvalGreedy()
    {
        torch::NoGradGuard guard;
        const auto ref = load("forward_eval.pt");
        // WHEN the model runs forward in eval mode with the saved noise
        const auto o = m_model->forward(entry(m_input, "d_oh"), entry(m_input, "r_oh"),
                                        entry(m_input, "n_oh"), entry(m_input, "c"),
                                        entry(ref, "eps_r"), entry(ref, "eps_n"), false);
        // THEN every tensor matches and the greedy tokens are the official ones
        expectClose("z_r", o.zR, entry(ref, "z_r"));
        expectClose("z_n", o.zN, entry(ref, "z_n"));
        expectClose("z", o.z, entry(ref, "z"));
        expectClose("logLogit_qy_x_r", o.qyR.logLogit, entry(ref, "logLogit_qy_x_r"));
        expectClose("logLogit_qy_x_n", o.qyN.logLogit, entry(ref, "logLogit_qy_x_n"));
        expectClose("qy_x_r", o.qyR.qy, entry(ref, "qy_x_r"));
        expectClose("qy_x_n", o.qyN.qy, entry(ref, "qy_x_n"));
        expectEqual("y_r", o.qyR.y, entry(ref, "y_r"));
        expectEqual("y_n", o.qyN.y, entry(ref, "y_n"));
        expectClose("r_out", o.rOut, entry(ref, "r_out"));
        expectClose("n_out", o.nOut, entry(ref, "n_out"));
        expectClose("out_greedy", o.out, entry(ref, "out_greedy"));
        expectEqual("out_greedy_tokens", o.out.argmax(-1), entry(ref, "out_greedy_tokens"));
    }

    void forwardTrainTeacherForced()
    {
        torch::NoGradGuard guard;
        const auto eval = load("forward_eval.pt");
        const auto ref = load("forward_train.pt");
        // WHEN the global decoder is teacher-forced (the training path)
        const auto o = m_model->forward(entry(m_input, "d_oh"), entry(m_input, "r_oh"),
                                        entry(m_input, "n_oh"), entry(m_input, "c"),
                                        entry(eval, "eps_r"), entry(eval, "eps_n"), true);
        // THEN its log-probabilities and argmax match
        expectClose("out_teacher_forced", o.out, entry(ref, "out_teacher_forced"));
        expectEqual("out_teacher_forced_argmax", o.out.argmax(-1),
                    entry(ref, "out_teacher_forced_argmax"));
    }
};

QTEST_GUILESS_MAIN(TestFaderNetsFidelity)
#include "tst_fadernetsfidelity.moc"
