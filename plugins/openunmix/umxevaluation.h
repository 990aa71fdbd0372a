// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/separator.h"
#include "plugins/openunmix/stemsong.h"

#include <string>
#include <vector>

namespace mirstudio::openunmix {

/** museval (BSS-eval v4) SDR of one song, median over 1 s frames, per target (plain value). */
struct SongSdr
{
    std::string song;
    std::vector<double> separated;   ///< SDR of the Separator's estimate per target, dB
    std::vector<double> mixture;     ///< SDR of the "mixture as estimate" baseline per target, dB
};

/**
 * Separates `song.mixture` with `separator` (whose targets are the song's stems, in order) and
 * scores each estimate and the mixture baseline with the toolkit's museval-equivalent BSS-eval.
 * When some stem has equal channels (its Gram rows would repeat and the system be singular),
 * references, estimates and baseline are all scored as their channel mean.
 * Slow (one linear system of (targets·channels·512)² per song); calling thread.
 */
SongSdr evaluateSong(const Separator &separator, const StemSong &song);


} // namespace mirstudio::openunmix
