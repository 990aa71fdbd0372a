// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "plugins/sdk/valuetypes.h"

namespace mirstudio::fadernets {

/**
 * A fixed two-bar phrase at 120 bpm (melody in 8ths over a held bass) used as the known input of
 * the reconstruction expectation (tests/data/fadernets/reconstruction.txt, written by
 * `fadernets-train --reconstruct WEIGHTS`) and the plugin test. Pure function.
 */
sdk::NoteSequence referencePhrase();

} // namespace mirstudio::fadernets
