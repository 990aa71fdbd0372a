// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <vector>

namespace mirstudio::toolkit {

/** MIG with its per-factor values. */
struct MigResult
{
    double mig = 0.0;
    std::vector<double> perFactor;
};

/**
 * Disentanglement metrics as the dMelodies benchmark (ashispati/dmelodies_benchmarking,
 * src/utils/evaluation.py, after disentanglement_lib) computes them, on latent codes (N, D)
 * and integer factor values (N, K). Stateless functions, thread-safe; CPU double maths.
 */
class Disentanglement
{
public:
    /**
     * Each code dimension discretised into `bins` equal-width bins between its min and max
     * (numpy histogram edges + digitize): (N, D) int64 bin indices.
     */
    static torch::Tensor discretise(const torch::Tensor &codes, int bins = 20);
    /** Discrete mutual information in nats (sklearn mutual_info_score) of two label vectors (N,). */
    static double mutualInformation(const torch::Tensor &a, const torch::Tensor &b);
    /** (D, K) mutual information between every discretised code and every factor. */
    static torch::Tensor mutualInformationMatrix(const torch::Tensor &discreteCodes, const torch::Tensor &factors);
    /** Mutual information gap: mean over factors of (top-1 − top-2 MI) / H(factor). */
    static MigResult mig(const torch::Tensor &codes, const torch::Tensor &factors, int bins = 20);
    /** Ridgeway & Zemel modularity: mean over codes of 1 − δ_i (codes sharing no information count 0). */
    static double modularity(const torch::Tensor &codes, const torch::Tensor &factors, int bins = 20);
    /**
     * SAP: for every (code, factor) a one-dimensional LinearSVC (squared hinge, L2 with the
     * intercept regularised as liblinear does, C = `c`, balanced class weights, one-vs-rest)
     * is fitted on the first `trainFraction` of the rows and scored (accuracy) on the rest;
     * SAP = mean over factors of (best − second best accuracy).
     */
    static double sap(const torch::Tensor &codes, const torch::Tensor &factors, double trainFraction = 0.6,
                      double c = 0.01);
    /** Fraction of ticks whose argmax score equals the target token: scores (B, T, V), targets (B, T). */
    static double reconstructionAccuracy(const torch::Tensor &scores, const torch::Tensor &targets);
};

} // namespace mirstudio::toolkit
