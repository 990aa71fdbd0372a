// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <vector>

namespace mirstudio::toolkit {

/**
 * JSB chorales reader for the Coconet JSON (czhuang/JSB-Chorales-dataset
 * `jsb16th_separated_train_valid.json`): {"train": [chorale...], "valid": [...], "test"?: [...]},
 * a chorale being a list of 16th-note steps [S, A, T, B] in MIDI pitch, -1 for silence.
 * Each voice becomes a part ("soprano", "alto", "tenor", "bass", channels 0-3); consecutive
 * steps of one pitch make one note (the format cannot tell a repeated note from a held one).
 * Steps are 16th notes at `bpm` (0.125 s at 120). Ids are "jsb/<split>/<index>"; the file's own
 * train/valid split is kept (test items, if any, go to Valid). Throws sdk::PluginError for an
 * unreadable or malformed file. Any thread.
 */
std::vector<SymbolicItem> readJsbChorales(const QString &jsonPath, double bpm = 120.0);

/** One chorale's steps as the four voice parts (no id, split or merged notes set). */
SymbolicItem jsbChoraleFromSteps(const std::vector<std::vector<int>> &steps, double bpm);

} // namespace mirstudio::toolkit
