// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/vaeoutput.h"

#include <vector>

namespace mirstudio::dmelodies {

/** Constructor arguments of the benchmark CNN VAE (official defaults = the paper's configuration). */
struct CnnVaeConfig
{
    int64_t noteEmbedding = 10;
    int64_t latent = 32;
    std::vector<int64_t> encoderChannels{16, 32, 64, 128};
    std::vector<int64_t> decoderChannels{128, 64, 32, 16};
    int64_t kernel = 4;
    int64_t stride = 2;
    double dropout = 0.1;
};

/**
 * The dMelodies benchmark CNN VAE (DMelodiesCNNVAE): embedding → 4 × [Conv1d → SELU → Dropout] →
 * mean over time → Gaussian heads; decoder z → 4 × [ConvTranspose1d → SELU] (lengths 2..16) →
 * Linear scores, no final activation. Parameter names equal the official keys (including the
 * unused decoder embedding). Threading: one thread at a time.
 */
class CnnVaeImpl : public torch::nn::Module
{
public:
    explicit CnnVaeImpl(const CnnVaeConfig &config = {});

    /** Encoder CNN output (B, C, L) for tokens (B, 16). */
    torch::Tensor encoderCnn(const torch::Tensor &tokens);
    Posterior encode(const torch::Tensor &tokens);
    /** Decoder CNN output (B, C_last, 16) for codes (B, Z). */
    torch::Tensor decoderCnn(const torch::Tensor &z);
    /** Scores (B, 16, 62). */
    torch::Tensor decode(const torch::Tensor &z);
    VaeOutput forward(const torch::Tensor &tokens, const torch::Tensor &eps);

    const CnnVaeConfig &config() const { return m_config; }

private:
    CnnVaeConfig m_config;
    torch::nn::Embedding m_encEmbedding{nullptr}, m_decEmbedding{nullptr};
    torch::nn::Sequential m_encCnn{nullptr}, m_decCnn{nullptr};
    torch::nn::Sequential m_linearMean{nullptr}, m_linearLogStd{nullptr};
    torch::nn::Linear m_hiddenToNotes{nullptr};
};
TORCH_MODULE(CnnVae);

} // namespace mirstudio::dmelodies
