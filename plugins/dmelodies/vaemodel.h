// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/cnnvae.h"
#include "plugins/dmelodies/rnnvae.h"

#include <QString>

namespace mirstudio::dmelodies {

/**
 * Either benchmark VAE behind one interface (what the plugin, trainer and evaluation use).
 * Owns its torch module (shared handle). Threading: one thread at a time.
 */
class VaeModel
{
public:
    enum class Kind { Rnn, Cnn };

    explicit VaeModel(Kind kind);
    /** "rnn" or "cnn"; throws std::invalid_argument otherwise. */
    static Kind kindFromName(const QString &name);
    static QString kindName(Kind kind);

    Kind kind() const { return m_kind; }
    torch::nn::Module &module();
    int64_t latentSize() const;

    Posterior encode(const torch::Tensor &tokens);
    /** Scores (B, 16, 62) of codes: RNN greedy (temperature 0) or sampled; CNN ignores temperature. */
    torch::Tensor decode(const torch::Tensor &z, double temperature = 0.0);
    /** Training pass: z = mean + eps·scale; RNN teacher-forced when `teacherForced`. */
    VaeOutput forward(const torch::Tensor &tokens, const torch::Tensor &eps, bool teacherForced);

    void loadWeights(const QString &path);
    void saveWeights(const QString &path) const;

private:
    Kind m_kind;
    RnnVae m_rnn{nullptr};
    CnnVae m_cnn{nullptr};
};

} // namespace mirstudio::dmelodies
