// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spectrogramparams.h"
#include "core/session/typedid.h"

namespace mirstudio {

/** Identifies a cached spectrogram tile: source, FFT parameters and tile index. Value type. */
struct SpectrogramTileKey
{
    SourceId source;
    SpectrogramParams params;
    int tile = 0;

    bool operator==(const SpectrogramTileKey &) const = default;
};

inline size_t qHash(const SpectrogramTileKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.source, k.params, k.tile);
}

} // namespace mirstudio
