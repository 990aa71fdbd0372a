// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"
#include "plugins/sdk/valuetypes.h"

#include <QVariantMap>

namespace mirstudio::tfctdf {

/**
 * The plugin's "train" method (what `tfctdf-train` does for one target, without rendering or
 * scoring): reads <data>/<song>/mixture.wav|flac and <target>.wav|flac for each song in "songs"
 * (comma list; empty = every song folder), trains the project's small TFC-TDF U-Net
 * (TfcTdfTrainSettings: steps, batch, seed, lr), and writes <out>/<target>.pt, which the plugin
 * loads as model = custom, architecture = tfc_tdf_small. Returns the loss curve (steps x 1).
 *
 * Throws sdk::PluginError for bad parameters or files, sdk::Cancelled when `ctx` is cancelled
 * (nothing is written then). Blocks; any worker thread.
 */
sdk::Matrix trainFromStemFolder(const QVariantMap &params, sdk::JobContext &ctx);

} // namespace mirstudio::tfctdf
