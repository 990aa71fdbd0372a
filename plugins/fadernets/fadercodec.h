// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/fadernets/musicattrgmvae.h"
#include "plugins/fadernets/segmentbatch.h"

#include <QStringList>
#include <torch/torch.h>
#include <vector>

namespace mirstudio::fadernets {

/** The two faders: the attribute-regularised latent dimensions. */
enum class Fader { RhythmDensity, NoteDensity };

/**
 * Encodes FaderNets segments to full latent codes and decodes them back, the way the official
 * controllability tests do: a code is [z_r, z_n, key] (2 z + 24 values), the global decoder runs
 * greedily for 100 steps and its tokens are cleaned (leading/trailing PAD trimmed, cut at the
 * first EOS). Fader `RhythmDensity` is z_r[0], `NoteDensity` is z_n[0] (the dimensions the
 * Pati et al. regulariser ties to the attributes). Presets are the GM-VAE component means.
 *
 * Holds a model handle (shared). Not thread-safe: one caller at a time.
 */
class FaderCodec
{
public:
    explicit FaderCodec(MusicAttrGmvae model) : m_model(std::move(model)) {}

    MusicAttrGmvae model() const { return m_model; }
    int zDims() const { return m_model->config().zDims; }
    /** Column of `fader` in a full code. */
    int64_t column(Fader fader) const { return fader == Fader::RhythmDensity ? 0 : zDims(); }
    /** Names of the 2 z + 24 columns: rhythm_density, z_r1.., note_density, z_n1.., key0..key23. */
    QStringList dimensionNames() const;

    /**
     * Codes of `segments`, (N, 2 z + 24). With `eps` (N, 2 z) sampled as mu + std eps (the
     * official tests' repar), else the posterior means.
     */
    torch::Tensor encode(const std::vector<Segment> &segments, const torch::Tensor &eps = {});
    /** Greedy event tokens of each code, cleaned. */
    std::vector<std::vector<std::int64_t>> decodeTokens(const torch::Tensor &codes, int64_t steps = 100);
    /** Notes of each code, placed one 4-beat segment after the other at `bpm`. */
    sdk::NoteSequence decodeNotes(const torch::Tensor &codes, double bpm, int64_t steps = 100);
    /** Copy of `codes` with `fader`'s column set to `value` (every row). */
    torch::Tensor withFader(const torch::Tensor &codes, Fader fader, double value) const;
    /**
     * Copy of `codes` with the non-fader latent dimensions of both branches replaced by mixture
     * component `component`'s means (a GM-VAE preset); faders and key kept.
     */
    torch::Tensor withPreset(const torch::Tensor &codes, int component) const;

    /** Cleans raw decoder tokens as the official `clean_output`. */
    static std::vector<std::int64_t> cleanTokens(const std::vector<std::int64_t> &raw);

private:
    MusicAttrGmvae m_model;
};

} // namespace mirstudio::fadernets
