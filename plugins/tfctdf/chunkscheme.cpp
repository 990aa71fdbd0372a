// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/chunkscheme.h"

namespace mirstudio::tfctdf {

int64_t ChunkScheme::chunkCount(int64_t frames) const
{
    if (neighbourContext)
        return frames / step() + 1;
    return (frames + step() - 1) / step();
}

ChunkScheme ChunkScheme::paper(const UNetConfig &config)
{
    ChunkScheme s;
    s.nFft = config.nFft;
    s.hop = config.nFft / 2;
    s.length = int64_t(s.hop) * (config.frames + 1);
    s.trim = 5000;
    s.neighbourContext = true;
    s.centredStft = false;
    return s;
}

ChunkScheme ChunkScheme::maintained(const UNetConfig &config)
{
    ChunkScheme s;
    s.nFft = config.nFft;
    s.hop = config.nFft / 2;
    s.length = int64_t(s.hop) * (config.frames - 1);
    s.trim = (5000 + s.hop - 1) / s.hop * s.hop;
    s.neighbourContext = false;
    s.centredStft = true;
    return s;
}

} // namespace mirstudio::tfctdf
