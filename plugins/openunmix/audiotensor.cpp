// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/audiotensor.h"

#include <algorithm>

namespace mirstudio::openunmix {

torch::Tensor tensorFromChannels(const std::vector<std::vector<float>> &channels)
{
    const int64_t frames = channels.empty() ? 0 : int64_t(channels.front().size());
    auto t = torch::empty({int64_t(channels.size()), frames});
    for (size_t c = 0; c < channels.size(); ++c)
        std::copy(channels[c].begin(), channels[c].end(), t[int64_t(c)].data_ptr<float>());
    return t;
}

std::vector<std::vector<float>> channelsFromTensor(const torch::Tensor &t)
{
    const auto c = t.to(torch::kFloat).contiguous();
    std::vector<std::vector<float>> out(size_t(c.size(0)));
    for (int64_t i = 0; i < c.size(0); ++i) {
        const float *p = c[i].data_ptr<float>();
        out[size_t(i)].assign(p, p + c.size(1));
    }
    return out;
}

} // namespace mirstudio::openunmix
