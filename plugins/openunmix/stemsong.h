// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace mirstudio::openunmix {

/** A stem and the name it gets as a separation target ("source1" → "violin"). */
struct StemName
{
    std::string file;    ///< base name of <song>/<file>.wav
    std::string target;  ///< target / output name
};

/** One song of a stem folder: the mixture and its stems as float [channels, time] tensors. */
struct StemSong
{
    std::string name;
    int sampleRate = 44100;
    torch::Tensor mixture;
    std::vector<torch::Tensor> stems;   ///< in the order of the StemName list it was read with
};

/**
 * Sub-folders of `root` that hold a mixture.wav, sorted by name. Throws std::runtime_error when
 * `root` is not a folder or holds no song.
 */
std::vector<std::string> listStemSongs(const std::string &root);

/**
 * The stem names of a song folder: every <name>.wav except mixture.wav, sorted, each renamed by
 * `renames` ("source1=violin,source2=clarinet"; unnamed stems keep their file name).
 */
std::vector<StemName> stemNamesOf(const std::string &songFolder, const std::string &renames = {});

/**
 * Reads <folder>/mixture.wav and <folder>/<stem>.wav (core/media), resampled to `sampleRate`.
 * All files must have the same length and channel count. Throws std::runtime_error naming the file.
 */
StemSong readStemSong(const std::string &folder, const std::vector<StemName> &stems,
                      int sampleRate = 44100);

} // namespace mirstudio::openunmix
