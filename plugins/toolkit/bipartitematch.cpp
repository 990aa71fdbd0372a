// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/bipartitematch.h"

#include <functional>

namespace mirstudio::toolkit {

std::vector<std::pair<int, int>> bipartiteMatch(const std::vector<BipartiteVertex> &graph,
                                                int rightCount)
{
    // Left vertices are handled by position in `graph`; right vertices by number.
    constexpr int kNone = -1;
    constexpr int kFree = -2;   // mir_eval's `unmatched` sentinel in pred
    const int leftCount = int(graph.size());
    const size_t nl = graph.size(), nr = static_cast<size_t>(rightCount);
    std::vector<int> matchOf(nr, kNone);   // right -> left position

    for (int u = 0; u < leftCount; ++u)
        for (int v : graph[size_t(u)].neighbours)
            if (matchOf[size_t(v)] == kNone) {
                matchOf[size_t(v)] = u;
                break;
            }

    std::vector<bool> predHas(nl), predsHas(nr);
    std::vector<int> predVal(nl);
    std::vector<std::vector<int>> predsList(nr);
    std::vector<bool> inNewLayer(nr);
    std::vector<std::vector<int>> newLayer(nr);

    for (;;) {
        std::fill(predsHas.begin(), predsHas.end(), false);
        std::fill(predHas.begin(), predHas.end(), true);
        std::fill(predVal.begin(), predVal.end(), kFree);
        for (int v = 0; v < rightCount; ++v)
            if (matchOf[size_t(v)] != kNone)
                predHas[size_t(matchOf[size_t(v)])] = false;
        std::vector<int> layer, unmatched;
        for (int u = 0; u < leftCount; ++u)
            if (predHas[size_t(u)])
                layer.push_back(u);

        while (!layer.empty() && unmatched.empty()) {
            std::vector<int> order;   // new_layer's insertion order
            for (int u : layer)
                for (int v : graph[size_t(u)].neighbours)
                    if (!predsHas[size_t(v)]) {
                        if (!inNewLayer[size_t(v)]) {
                            inNewLayer[size_t(v)] = true;
                            newLayer[size_t(v)].clear();
                            order.push_back(v);
                        }
                        newLayer[size_t(v)].push_back(u);
                    }
            layer.clear();
            for (int v : order) {
                inNewLayer[size_t(v)] = false;
                predsHas[size_t(v)] = true;
                predsList[size_t(v)] = newLayer[size_t(v)];
                if (matchOf[size_t(v)] != kNone) {
                    const int u = matchOf[size_t(v)];
                    layer.push_back(u);
                    predHas[size_t(u)] = true;
                    predVal[size_t(u)] = v;
                } else {
                    unmatched.push_back(v);
                }
            }
        }
        if (unmatched.empty())
            break;

        std::function<bool(int)> recurse = [&](int v) {
            if (!predsHas[size_t(v)])
                return false;
            const std::vector<int> candidates = predsList[size_t(v)];
            predsHas[size_t(v)] = false;
            for (int u : candidates)
                if (predHas[size_t(u)]) {
                    const int pu = predVal[size_t(u)];
                    predHas[size_t(u)] = false;
                    if (pu == kFree || recurse(pu)) {
                        matchOf[size_t(v)] = u;
                        return true;
                    }
                }
            return false;
        };
        for (int v : unmatched)
            recurse(v);
    }

    std::vector<std::pair<int, int>> out;
    for (int v = 0; v < rightCount; ++v)
        if (matchOf[size_t(v)] != kNone)
            out.emplace_back(v, graph[size_t(matchOf[size_t(v)])].id);
    return out;
}

} // namespace mirstudio::toolkit
