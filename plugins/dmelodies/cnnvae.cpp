// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/cnnvae.h"

#include "plugins/dmelodies/vaelayers.h"

namespace mirstudio::dmelodies {

CnnVaeImpl::CnnVaeImpl(const CnnVaeConfig &c) : m_config(c)
{
    torch::nn::Sequential enc;
    int64_t in = c.noteEmbedding;
    for (const int64_t out : c.encoderChannels) {
        enc->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, c.kernel).stride(c.stride).padding(1)));
        enc->push_back(torch::nn::SELU());
        enc->push_back(torch::nn::Dropout(c.dropout));
        in = out;
    }
    m_encCnn = register_module("encoder__cnn", enc);
    m_encEmbedding = register_module("encoder__note_embedding_layer", torch::nn::Embedding(kTokenCount, c.noteEmbedding));
    m_linearMean = register_module("encoder__linear_mean", headMlp(in, in / 2, c.latent));
    m_linearLogStd = register_module("encoder__linear_log_std", headMlp(in, in / 2, c.latent));
    m_decEmbedding = register_module("decoder__note_embedding_layer", torch::nn::Embedding(kTokenCount, 1));
    torch::nn::Sequential dec;
    in = c.latent;
    for (const int64_t out : c.decoderChannels) {
        dec->push_back(torch::nn::ConvTranspose1d(
            torch::nn::ConvTranspose1dOptions(in, out, c.kernel).stride(c.stride).padding(1)));
        dec->push_back(torch::nn::SELU());
        in = out;
    }
    m_decCnn = register_module("decoder__cnn", dec);
    m_hiddenToNotes = register_module("decoder__hidden_to_notes", torch::nn::Linear(in, kTokenCount));
    xavierNormalWeights(*this);
}

torch::Tensor CnnVaeImpl::encoderCnn(const torch::Tensor &tokens)
{
    return m_encCnn->forward(m_encEmbedding(tokens).transpose(1, 2));
}

Posterior CnnVaeImpl::encode(const torch::Tensor &tokens)
{
    TORCH_CHECK(tokens.dim() == 2 && tokens.size(1) == 16, "dMelodies CNN VAE expects (B, 16) tokens");
    const auto hidden = encoderCnn(tokens).mean(2);
    return {m_linearMean->forward(hidden), m_linearLogStd->forward(hidden)};
}

torch::Tensor CnnVaeImpl::decoderCnn(const torch::Tensor &z)
{
    return m_decCnn->forward(z.unsqueeze(-1));
}

torch::Tensor CnnVaeImpl::decode(const torch::Tensor &z)
{
    return m_hiddenToNotes(decoderCnn(z).transpose(1, 2));
}

VaeOutput CnnVaeImpl::forward(const torch::Tensor &tokens, const torch::Tensor &eps)
{
    VaeOutput out;
    out.posterior = encode(tokens);
    out.z = out.posterior.sample(eps);
    out.scores = decode(out.z);
    return out;
}

} // namespace mirstudio::dmelodies
