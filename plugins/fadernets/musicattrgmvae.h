// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/gmvaeconfig.h"

#include <torch/torch.h>

namespace mirstudio::fadernets {

/** A diagonal Gaussian posterior: mean and standard deviation, (B, z). */
struct GaussianPosterior
{
    torch::Tensor mu;
    torch::Tensor std;
};

/** Mixture-component posterior q(y|z): unnormalised log-likelihoods, softmax, argmax. */
struct ComponentPosterior
{
    torch::Tensor logLogit; ///< (B, K)
    torch::Tensor qy;       ///< (B, K), softmax over K
    torch::Tensor y;        ///< (B,) int64 argmax
};

/** Everything one forward pass produces (official `forward` outputs, named). */
struct GmvaeOutput
{
    GaussianPosterior rhythm, note;
    torch::Tensor zR, zN, z;           ///< z = [z_r, z_n, c]
    ComponentPosterior qyR, qyN;
    torch::Tensor rOut, nOut;          ///< (B, 16, 3), (B, 16, 16): log_softmax over time
    torch::Tensor out;                 ///< (B, T, roll): log-probabilities
};

/**
 * The Music FaderNets GM-VAE (Tan & Herremans, ISMIR 2020; official `MusicAttrRegGMVAE`):
 * two bidirectional GRU encoders (rhythm, note) over event one-hots, a 2-component Gaussian
 * mixture prior per branch, teacher-forced rhythm / note-density sub-decoders, and a two-cell
 * GRU global decoder over [z_r, z_n, key]. Parameters are registered under the official
 * state_dict keys (the unused chroma branch and classifiers are left out).
 *
 * Ownership: a torch module holder (MusicAttrGmvae). Threading: one thread at a time.
 */
class MusicAttrGmvaeImpl : public torch::nn::Module
{
public:
    explicit MusicAttrGmvaeImpl(const GmvaeConfig &config = {});

    const GmvaeConfig &config() const { return m_config; }

    /** Final states of the rhythm / note encoder, (B, 2H) = [forward final, backward final]. */
    torch::Tensor rhythmEncoderState(const torch::Tensor &eventsOneHot);
    torch::Tensor noteEncoderState(const torch::Tensor &eventsOneHot);
    /** (rhythm, note) posteriors of event one-hots (B, T, roll). std = exp(var_*(h)). */
    std::pair<GaussianPosterior, GaussianPosterior> encode(const torch::Tensor &eventsOneHot);
    /** q(y|z) of the rhythm (`rhythm` true) or note branch. */
    ComponentPosterior componentPosterior(const torch::Tensor &z, bool rhythm) const;
    /** Teacher-forced sub-decoders: (r_out, n_out). */
    std::pair<torch::Tensor, torch::Tensor> subDecoders(const torch::Tensor &rhythmOneHot,
                                                        const torch::Tensor &zR,
                                                        const torch::Tensor &noteOneHot,
                                                        const torch::Tensor &zN);
    /**
     * Global decoder over z = [z_r, z_n, c] for `steps` steps. With `target` (B, steps, roll)
     * it is teacher-forced (training); without it greedy (the argmax one-hot is fed back).
     */
    torch::Tensor globalDecoder(const torch::Tensor &z, int64_t steps,
                                const torch::Tensor &target = {});
    /** Official forward with the noise given (eps ~ N(0, 1), (B, z) each). */
    GmvaeOutput forward(const torch::Tensor &eventsOneHot, const torch::Tensor &rhythmOneHot,
                        const torch::Tensor &noteOneHot, const torch::Tensor &key,
                        const torch::Tensor &epsR, const torch::Tensor &epsN, bool teacherForced);

    /** Component means (K, z) of the rhythm / note mixture: the GM-VAE presets. */
    torch::Tensor componentMeans(bool rhythm) const;

private:
    torch::Tensor encoderState(torch::nn::GRU &gru, const torch::Tensor &x);

    GmvaeConfig m_config;
    torch::nn::GRU m_gruR{nullptr}, m_gruN{nullptr}, m_gruDR{nullptr}, m_gruDN{nullptr};
    torch::nn::Linear m_muR{nullptr}, m_varR{nullptr}, m_muN{nullptr}, m_varN{nullptr};
    torch::nn::Linear m_initGlobal{nullptr}, m_initR{nullptr}, m_initN{nullptr};
    torch::nn::Linear m_outR{nullptr}, m_outN{nullptr}, m_outG{nullptr};
    torch::nn::GRUCell m_cellG{nullptr}, m_cellG2{nullptr};
    torch::nn::Embedding m_muRLookup{nullptr}, m_muNLookup{nullptr};
    torch::nn::Embedding m_logvarRLookup{nullptr}, m_logvarNLookup{nullptr};
};
TORCH_MODULE(MusicAttrGmvae);

} // namespace mirstudio::fadernets
