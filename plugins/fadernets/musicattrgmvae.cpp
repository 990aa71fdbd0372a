// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/musicattrgmvae.h"

#include <cmath>

namespace mirstudio::fadernets {

namespace {

/** The official global decoder hard-codes the key width (cdtl_dims = 24). */
constexpr int kKeyDims = 24;

torch::nn::GRU makeGru(int input, int hidden, bool bidirectional)
{
    return torch::nn::GRU(torch::nn::GRUOptions(input, hidden).batch_first(true)
                              .bidirectional(bidirectional));
}

} // namespace

MusicAttrGmvaeImpl::MusicAttrGmvaeImpl(const GmvaeConfig &config)
    : m_config(config)
{
    const int H = config.hiddenDims, Z = config.zDims, K = config.components;
    const int globalZ = 2 * Z + kKeyDims;
    m_gruR = register_module("gru_r", makeGru(config.rollDims, H, true));
    m_gruN = register_module("gru_n", makeGru(config.rollDims, H, true));
    m_gruDR = register_module("gru_d_r", makeGru(Z + config.rhythmDims, H, false));
    m_gruDN = register_module("gru_d_n", makeGru(Z + config.noteDims, H, false));
    m_muR = register_module("mu_r", torch::nn::Linear(2 * H, Z));
    m_varR = register_module("var_r", torch::nn::Linear(2 * H, Z));
    m_muN = register_module("mu_n", torch::nn::Linear(2 * H, Z));
    m_varN = register_module("var_n", torch::nn::Linear(2 * H, Z));
    m_initGlobal = register_module("linear_init_global", torch::nn::Linear(globalZ, H));
    m_cellG = register_module("grucell_g", torch::nn::GRUCell(config.rollDims + globalZ, H));
    m_cellG2 = register_module("grucell_g_2", torch::nn::GRUCell(H, H));
    m_initR = register_module("linear_init_r", torch::nn::Linear(Z, H));
    m_initN = register_module("linear_init_n", torch::nn::Linear(Z, H));
    m_outR = register_module("linear_out_r", torch::nn::Linear(H, config.rhythmDims));
    m_outN = register_module("linear_out_n", torch::nn::Linear(H, config.noteDims));
    m_outG = register_module("linear_out_g", torch::nn::Linear(H, config.rollDims));
    m_muRLookup = register_module("mu_r_lookup", torch::nn::Embedding(K, Z));
    m_muNLookup = register_module("mu_n_lookup", torch::nn::Embedding(K, Z));
    m_logvarRLookup = register_module("logvar_r_lookup", torch::nn::Embedding(K, Z));
    m_logvarNLookup = register_module("logvar_n_lookup", torch::nn::Embedding(K, Z));

    // As the official constructor: xavier-uniform means, log-variances log(exp(-2)^2), frozen.
    torch::NoGradGuard guard;
    torch::nn::init::xavier_uniform_(m_muRLookup->weight);
    torch::nn::init::xavier_uniform_(m_muNLookup->weight);
    for (auto *lookup : {&m_logvarRLookup, &m_logvarNLookup}) {
        (*lookup)->weight.fill_(-4.0);
        (*lookup)->weight.set_requires_grad(false);
    }
}

torch::Tensor MusicAttrGmvaeImpl::encoderState(torch::nn::GRU &gru, const torch::Tensor &x)
{
    auto hN = std::get<1>(gru->forward(x));           // (2, B, H)
    return hN.transpose(0, 1).reshape({x.size(0), -1}); // [forward final, backward final]
}

torch::Tensor MusicAttrGmvaeImpl::rhythmEncoderState(const torch::Tensor &eventsOneHot)
{
    return encoderState(m_gruR, eventsOneHot);
}

torch::Tensor MusicAttrGmvaeImpl::noteEncoderState(const torch::Tensor &eventsOneHot)
{
    return encoderState(m_gruN, eventsOneHot);
}

std::pair<GaussianPosterior, GaussianPosterior>
MusicAttrGmvaeImpl::encode(const torch::Tensor &eventsOneHot)
{
    const auto hR = rhythmEncoderState(eventsOneHot);
    const auto hN = noteEncoderState(eventsOneHot);
    return {GaussianPosterior{m_muR->forward(hR), m_varR->forward(hR).exp()},
            GaussianPosterior{m_muN->forward(hN), m_varN->forward(hN).exp()}};
}

ComponentPosterior MusicAttrGmvaeImpl::componentPosterior(const torch::Tensor &z, bool rhythm) const
{
    const auto &mu = (rhythm ? m_muRLookup : m_muNLookup)->weight;         // (K, Z)
    const auto &logvar = (rhythm ? m_logvarRLookup : m_logvarNLookup)->weight;
    const double K = double(m_config.components);
    const auto diff = z.unsqueeze(1) - mu.unsqueeze(0);                    // (B, K, Z)
    const auto terms = (diff.pow(2) / logvar.exp().unsqueeze(0) + logvar.unsqueeze(0)
                        + std::log(2.0 * M_PI)) * -0.5;
    ComponentPosterior out;
    out.logLogit = terms.sum(-1) + std::log(1.0 / K);
    out.qy = torch::softmax(out.logLogit, -1);
    out.y = out.qy.argmax(-1);
    return out;
}

torch::Tensor MusicAttrGmvaeImpl::componentMeans(bool rhythm) const
{
    return (rhythm ? m_muRLookup : m_muNLookup)->weight;
}

std::pair<torch::Tensor, torch::Tensor>
MusicAttrGmvaeImpl::subDecoders(const torch::Tensor &rhythmOneHot, const torch::Tensor &zR,
                                const torch::Tensor &noteOneHot, const torch::Tensor &zN)
{
    auto branch = [](torch::nn::GRU &gru, torch::nn::Linear &init, torch::nn::Linear &outLayer,
                     const torch::Tensor &x, const torch::Tensor &z) {
        const auto steps = x.size(1);
        const auto input = torch::cat({x, z.unsqueeze(1).expand({z.size(0), steps, z.size(1)})}, -1);
        const auto h0 = init->forward(z).unsqueeze(0);
        const auto out = std::get<0>(gru->forward(input, h0));
        return torch::log_softmax(outLayer->forward(out), 1); // over time, as the official code
    };
    return {branch(m_gruDR, m_initR, m_outR, rhythmOneHot, zR),
            branch(m_gruDN, m_initN, m_outN, noteOneHot, zN)};
}

torch::Tensor MusicAttrGmvaeImpl::globalDecoder(const torch::Tensor &z, int64_t steps,
                                                const torch::Tensor &target)
{
    const auto batch = z.size(0);
    auto prev = torch::zeros({batch, m_config.rollDims}, z.options());
    prev.select(1, m_config.rollDims - 1).fill_(1.0); // start: one-hot at roll_dims - 1
    auto hx0 = m_initGlobal->forward(z);
    torch::Tensor hx1;
    std::vector<torch::Tensor> outs;
    outs.reserve(size_t(steps));
    for (int64_t i = 0; i < steps; ++i) {
        hx0 = m_cellG->forward(torch::cat({prev, z}, 1), hx0);
        if (i == 0)
            hx1 = hx0;
        hx1 = m_cellG2->forward(hx0, hx1);
        auto out = torch::log_softmax(m_outG->forward(hx1), 1);
        outs.push_back(out);
        if (target.defined()) {
            prev = target.select(1, i);
        } else {
            prev = torch::zeros_like(out).scatter_(1, out.argmax(1, true), 1.0);
        }
    }
    return torch::stack(outs, 1);
}

GmvaeOutput MusicAttrGmvaeImpl::forward(const torch::Tensor &eventsOneHot,
                                        const torch::Tensor &rhythmOneHot,
                                        const torch::Tensor &noteOneHot, const torch::Tensor &key,
                                        const torch::Tensor &epsR, const torch::Tensor &epsN,
                                        bool teacherForced)
{
    GmvaeOutput o;
    std::tie(o.rhythm, o.note) = encode(eventsOneHot);
    o.zR = o.rhythm.mu + o.rhythm.std * epsR;
    o.zN = o.note.mu + o.note.std * epsN;
    o.qyR = componentPosterior(o.zR, true);
    o.qyN = componentPosterior(o.zN, false);
    o.z = torch::cat({o.zR, o.zN, key}, 1);
    std::tie(o.rOut, o.nOut) = subDecoders(rhythmOneHot, o.zR, noteOneHot, o.zN);
    o.out = globalDecoder(o.z, eventsOneHot.size(1),
                          teacherForced ? eventsOneHot : torch::Tensor());
    return o;
}

} // namespace mirstudio::fadernets
