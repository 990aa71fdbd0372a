// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <QString>

#include <string>
#include <vector>

namespace mirstudio::tfctdf {

/**
 * One song of a stems folder seen from one separation target: the target stem and the rest of
 * the mixture (mixture - target), both float32 stereo [2, n] at 44.1 kHz. Plain value type.
 */
struct StemClip
{
    std::string song;
    torch::Tensor target;
    torch::Tensor rest;

    torch::Tensor mixture() const { return target + rest; }
};

/**
 * Reads <songFolder>/mixture.wav and <songFolder>/<target>.wav (.flac where only that exists;
 * core/media; resampled to 44.1 kHz, mono duplicated to stereo). Throws std::runtime_error naming the file when either is
 * missing or the lengths differ. Any thread.
 */
StemClip readStemClip(const QString &songFolder, const QString &target);

/** The song folders (names) of a stems folder root, sorted: every folder with a mixture.wav. */
std::vector<QString> stemSongNames(const QString &root);

} // namespace mirstudio::tfctdf
