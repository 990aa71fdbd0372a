// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::fadernets {

/**
 * Sizes of the Music FaderNets GM-VAE (`MusicAttrRegGMVAE`). The defaults are the paper's
 * (trainer_gmm.py + gmm_model_config.json): event vocabulary 342, rhythm classes 3, note-density
 * classes 16, key vector 24, hidden 512, z 128 per branch, 2 mixture components. A plain value.
 */
struct GmvaeConfig
{
    int rollDims = 342;   ///< event vocabulary (one-hot width of the global decoder)
    int rhythmDims = 3;   ///< rest / onset / hold
    int noteDims = 16;    ///< sounding pitches per step 0..15
    int chromaDims = 24;  ///< key vector; the official global decoder hard-codes 24
    int hiddenDims = 512;
    int zDims = 128;
    int components = 2;   ///< Gaussian mixture components per branch
    int subSteps = 16;    ///< 16th steps per 4-beat segment (rhythm / note sequences)
};

} // namespace mirstudio::fadernets
