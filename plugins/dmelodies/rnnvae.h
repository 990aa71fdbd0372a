// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/vaeoutput.h"

namespace mirstudio::dmelodies {

/** Constructor arguments of the benchmark RNN VAE (official defaults = the paper's configuration). */
struct RnnVaeConfig
{
    int64_t noteEmbedding = 10;
    int64_t layers = 2;
    int64_t encoderHidden = 64;
    int64_t decoderHidden = 64;
    int64_t latent = 32;
    double dropout = 0.2;
};

/**
 * The dMelodies benchmark RNN VAE (ashispati/dmelodies_benchmarking DMelodiesVAE): embedding →
 * 2-layer bidirectional GRU encoder whose final hidden states give the Gaussian posterior
 * (mean, log std), and a hierarchical GRU decoder (2 "beats" × 8 ticks, ReLU scores). Parameter
 * names equal the official state_dict keys. Threading: one thread at a time (torch module).
 */
class RnnVaeImpl : public torch::nn::Module
{
public:
    explicit RnnVaeImpl(const RnnVaeConfig &config = {});

    /** The flattened final encoder state (B, layers·2·H) for tokens (B, 16). */
    torch::Tensor encoderHidden(const torch::Tensor &tokens);
    Posterior encode(const torch::Tensor &tokens);
    /** Beat-RNN outputs (B, 2, H) for codes (B, Z). */
    torch::Tensor beatRnn(const torch::Tensor &z);
    /**
     * Decoder scores (B, 16, 62). With `teacher` (B, 16) defined, the next tick input is the
     * teacher token; otherwise the argmax of the previous scores (greedy). With `temperature` > 0
     * and no teacher, the next token is sampled from softmax(scores / temperature) instead.
     */
    torch::Tensor decode(const torch::Tensor &z, const torch::Tensor &teacher = {}, double temperature = 0.0);
    /** Full pass with eps given (B, Z): teacher forcing when `teacherForced`. */
    VaeOutput forward(const torch::Tensor &tokens, const torch::Tensor &eps, bool teacherForced);

    const RnnVaeConfig &config() const { return m_config; }

private:
    torch::Tensor initialState(torch::nn::Sequential &layer, const torch::Tensor &input, int64_t hidden);

    RnnVaeConfig m_config;
    torch::nn::Embedding m_encEmbedding{nullptr};
    torch::nn::GRU m_encGru{nullptr};
    torch::nn::Sequential m_linearMean{nullptr}, m_linearLogStd{nullptr};
    torch::Tensor m_b0, m_x0;
    torch::nn::Embedding m_decEmbedding{nullptr};
    torch::nn::Sequential m_zToBeat{nullptr}, m_beatToTickHidden{nullptr}, m_beatToTickInput{nullptr},
        m_tickToNote{nullptr};
    torch::nn::GRU m_beatGru{nullptr}, m_tickGru{nullptr};
};
TORCH_MODULE(RnnVae);

} // namespace mirstudio::dmelodies
