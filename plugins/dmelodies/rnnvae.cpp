// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/rnnvae.h"

#include "plugins/dmelodies/vaelayers.h"

namespace mirstudio::dmelodies {

namespace {
constexpr int64_t kBeats = 2;
constexpr int64_t kTicksPerBeat = 8;
} // namespace

RnnVaeImpl::RnnVaeImpl(const RnnVaeConfig &c) : m_config(c)
{
    const int64_t encOut = 2 * c.layers * c.encoderHidden;
    // The official encoder module calls its GRU "lstm".
    m_encGru = register_module("encoder__lstm", torch::nn::GRU(torch::nn::GRUOptions(c.noteEmbedding, c.encoderHidden)
                                                                   .num_layers(c.layers).dropout(c.dropout)
                                                                   .bidirectional(true).batch_first(true)));
    m_encEmbedding = register_module("encoder__note_embedding_layer", torch::nn::Embedding(kTokenCount, c.noteEmbedding));
    m_linearMean = register_module("encoder__linear_mean", headMlp(encOut, 2 * c.encoderHidden, c.latent));
    m_linearLogStd = register_module("encoder__linear_log_std", headMlp(encOut, 2 * c.encoderHidden, c.latent));
    m_b0 = register_parameter("decoder__b_0", torch::zeros({1}));
    m_x0 = register_parameter("decoder__x_0", torch::zeros({c.noteEmbedding}));
    m_decEmbedding = register_module("decoder__note_embedding_layer", torch::nn::Embedding(kTokenCount, c.noteEmbedding));
    m_zToBeat = register_module("decoder__z_to_beat_rnn_input", linearSelu(c.latent, c.decoderHidden * c.layers));
    m_beatGru = register_module("decoder__rnn_beat", torch::nn::GRU(torch::nn::GRUOptions(1, c.decoderHidden)
                                                                       .num_layers(c.layers).dropout(c.dropout)
                                                                       .batch_first(true)));
    m_beatToTickHidden = register_module("decoder__beat_emb_to_tick_rnn_hidden",
                                         linearSelu(c.decoderHidden, c.decoderHidden * c.layers));
    m_beatToTickInput = register_module("decoder__beat_emb_to_tick_rnn_input", linearSelu(c.decoderHidden, c.decoderHidden));
    m_tickGru = register_module("decoder__rnn_tick", torch::nn::GRU(torch::nn::GRUOptions(c.noteEmbedding + c.decoderHidden,
                                                                                         c.decoderHidden)
                                                                       .num_layers(c.layers).dropout(c.dropout)
                                                                       .batch_first(true)));
    m_tickToNote = register_module("decoder__tick_emb_to_note_emb",
                                   torch::nn::Sequential(torch::nn::Linear(c.decoderHidden, kTokenCount), torch::nn::ReLU()));
    xavierNormalWeights(*this);
}

torch::Tensor RnnVaeImpl::encoderHidden(const torch::Tensor &tokens)
{
    const auto embedded = m_encEmbedding(tokens);
    const auto hn = std::get<1>(m_encGru(embedded));     // (layers*2, B, H)
    return hn.transpose(0, 1).contiguous().view({tokens.size(0), -1});
}

Posterior RnnVaeImpl::encode(const torch::Tensor &tokens)
{
    TORCH_CHECK(tokens.dim() == 2 && tokens.size(1) == kBeats * kTicksPerBeat, "dMelodies RNN VAE expects (B, 16) tokens");
    const auto hidden = encoderHidden(tokens);
    return {m_linearMean->forward(hidden), m_linearLogStd->forward(hidden)};
}

torch::Tensor RnnVaeImpl::initialState(torch::nn::Sequential &layer, const torch::Tensor &input, int64_t hidden)
{
    return layer->forward(input).view({input.size(0), m_config.layers, hidden}).transpose(0, 1).contiguous();
}

torch::Tensor RnnVaeImpl::beatRnn(const torch::Tensor &z)
{
    const int64_t batch = z.size(0);
    const auto h0 = initialState(m_zToBeat, z, m_config.decoderHidden);
    const auto input = m_b0.view({1, 1, 1}).expand({batch, kBeats, 1}).contiguous();
    return std::get<0>(m_beatGru(input, h0));
}

torch::Tensor RnnVaeImpl::decode(const torch::Tensor &z, const torch::Tensor &teacher, double temperature)
{
    const int64_t batch = z.size(0);
    const auto beats = beatRnn(z);
    auto noteEmbedding = m_x0.view({1, 1, -1}).expand({batch, 1, m_config.noteEmbedding});
    std::vector<torch::Tensor> scores;
    scores.reserve(kBeats * kTicksPerBeat);
    for (int64_t beat = 0; beat < kBeats; ++beat) {
        const auto beatOut = beats.select(1, beat);
        auto hidden = initialState(m_beatToTickHidden, beatOut, m_config.decoderHidden);
        const auto beatEmbedding = m_beatToTickInput->forward(beatOut).unsqueeze(1);
        for (int64_t tick = 0; tick < kTicksPerBeat; ++tick) {
            auto [out, h] = m_tickGru(torch::cat({noteEmbedding, beatEmbedding}, 2), hidden);
            hidden = h;
            const auto score = m_tickToNote->forward(out.squeeze(1)); // (B, 62)
            scores.push_back(score);
            const int64_t t = beat * kTicksPerBeat + tick;
            torch::Tensor next;
            if (teacher.defined())
                next = teacher.select(1, t);
            else if (temperature > 0.0)
                next = torch::multinomial(torch::softmax(score / temperature, 1), 1).squeeze(1);
            else
                next = score.argmax(1);
            noteEmbedding = m_decEmbedding(next).unsqueeze(1);
        }
    }
    return torch::stack(scores, 1);
}

VaeOutput RnnVaeImpl::forward(const torch::Tensor &tokens, const torch::Tensor &eps, bool teacherForced)
{
    VaeOutput out;
    out.posterior = encode(tokens);
    out.z = out.posterior.sample(eps);
    out.scores = decode(out.z, teacherForced ? tokens : torch::Tensor());
    return out;
}

} // namespace mirstudio::dmelodies
