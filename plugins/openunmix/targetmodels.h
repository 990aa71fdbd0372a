// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/openunmix/separator.h"

#include <string>
#include <vector>

namespace mirstudio::openunmix {

/**
 * Loads every Open-Unmix state_dict in `folder` (files <target>.pt, <target>.pth or the official
 * offline names <target>-<hash>.pth), configured from its shapes and loaded strictly. Targets are
 * ordered vocals, drums, bass, other, then alphabetically. Throws std::runtime_error naming the
 * file for an unreadable or wrong file, or when the folder holds none. Any thread.
 */
std::vector<TargetModel> loadTargetModels(const std::string &folder);

/** Writes each model as <folder>/<name>.pt (plain dict, official keys); creates the folder. */
void saveTargetModels(const std::string &folder, const std::vector<TargetModel> &models);

} // namespace mirstudio::openunmix
