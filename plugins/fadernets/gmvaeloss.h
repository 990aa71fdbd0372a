// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/musicattrgmvae.h"
#include "plugins/fadernets/segmentbatch.h"

#include <torch/torch.h>

namespace mirstudio::fadernets {

/** The terms of the official unsupervised GM-VAE objective (trainer_gmm.py), each a scalar. */
struct GmvaeLossTerms
{
    torch::Tensor total;
    torch::Tensor ceEvents, ceRhythm, ceNotes;   ///< reconstruction NLLs
    torch::Tensor kldLatent, kldClass;           ///< both branches summed
    torch::Tensor regRhythm, regNote;            ///< attribute regularisation of z_r[0], z_n[0]
};

/**
 * The official training objective: 5 CE_X + CE_R + CE_N + beta(step) (KL latent + KL class) +
 * the Pati et al. attribute regularisation MSE(tanh(z_i - z_j), sign(a_i - a_j)) on the first
 * dimension of z_r (rhythm density) and z_n (note density). The KL latent term uses
 * N(mu_k, exp(logvar_k)) as the official code does (exp(logvar) as the scale). beta(step) is
 * the official annealing (0 before step 1000, then min((step - 10000) / 10000 beta, beta)),
 * floored at 0 (the official formula is negative between steps 1000 and 10000).
 * Free function; the model's thread.
 */
GmvaeLossTerms gmvaeLoss(MusicAttrGmvaeImpl &model, const GmvaeOutput &out,
                         const SegmentBatch &batch, int64_t step, double beta);

/** The official beta annealing, floored at 0. */
double annealedBeta(int64_t step, double beta);

/** Attribute regularisation of one latent dimension against an attribute (B,). */
torch::Tensor attributeRegularisation(const torch::Tensor &latentDim, const torch::Tensor &attribute);

} // namespace mirstudio::fadernets
