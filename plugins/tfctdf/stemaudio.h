// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * Audio glue between the SDK's planar buffers and the separator's [2, n] tensors. Pure
 * functions; any thread. Throw sdk::PluginError with a user-facing message on bad input.
 */

/** The model's input: `mix` converted to 44.1 kHz (libsamplerate, best quality) and to stereo
 *  (mono duplicated) as a float32 tensor [2, n]. Empty or > 2-channel input is a PluginError. */
torch::Tensor modelInput(const sdk::AudioBuffer &mix, double modelRate);

/** A [C, n] float tensor as an AudioBuffer at `rate`, resampled to `targetRate` and cut or
 *  zero-padded to `frames` when the rates differ. */
sdk::AudioBuffer toAudioBuffer(const torch::Tensor &audio, double rate, double targetRate, int64_t frames);

/** The accompaniment as the official notebook defines it: mix - vocals, per channel (a mono mix
 *  is taken as dual mono). Both at the mix's rate and length. */
sdk::AudioBuffer subtractStem(const sdk::AudioBuffer &mix, const sdk::AudioBuffer &vocals);

} // namespace mirstudio::tfctdf
