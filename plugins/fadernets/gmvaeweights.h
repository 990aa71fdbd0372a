// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/musicattrgmvae.h"
#include "plugins/toolkit/checkpointreader.h"

#include <QString>
#include <torch/torch.h>

namespace mirstudio::fadernets {

/**
 * Rebuilds float32 weights from an int8 dict and a per-key scale dict (w = q * scale), as the
 * fadernets-a fixture stores them. Every int8 key needs a scale; throws std::runtime_error
 * naming the first key without one.
 */
toolkit::StateDict dequantiseStateDict(const toolkit::StateDict &int8Dict,
                                       const toolkit::StateDict &scaleDict);

/**
 * Loads an official-key state_dict into the GM-VAE. Keys of modules this model does not build
 * (the official unused chroma branch and classifiers) are ignored; every model key must be present.
 */
void loadGmvaeStateDict(torch::nn::Module &model, const toolkit::StateDict &dict);

/** Reads a torch.save'd float state_dict (official keys) and loads it. */
void loadGmvaeWeights(torch::nn::Module &model, const QString &path);

/**
 * The sizes of an official-key state_dict read from its shapes (vocabulary, classes, hidden,
 * z, components). Throws std::runtime_error when a needed key is missing.
 */
GmvaeConfig configOfStateDict(const toolkit::StateDict &dict);

/** A model of the sizes `path` holds, with its weights, in eval mode. */
MusicAttrGmvae loadGmvae(const QString &path);

/**
 * Writes the model's tensors under their official keys as a plain dict in torch.save's zip
 * format: torch.load and the toolkit's restricted reader (toolkit::loadStateDict) both read it.
 */
void saveGmvaeWeights(const torch::nn::Module &model, const QString &path);

} // namespace mirstudio::fadernets
