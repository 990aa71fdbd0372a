// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <vector>

namespace mirstudio::toolkit {

/**
 * One left vertex of a bipartite graph with its right-hand neighbours, in insertion order.
 * Right vertices are numbered 0..rightCount-1.
 */
struct BipartiteVertex
{
    int id = 0;
    std::vector<int> neighbours;
};

/**
 * Maximum-cardinality matching (Hopcroft–Karp) that reproduces mir_eval.util._bipartite_match
 * pair for pair: the same greedy start, the same layer and augmenting-path order, given the
 * left vertices in the order mir_eval inserts them into its dict. Returns (right, left id)
 * pairs sorted by right vertex, as `sorted(_bipartite_match(G).items())`. Pure; any thread.
 */
std::vector<std::pair<int, int>> bipartiteMatch(const std::vector<BipartiteVertex> &graph,
                                                int rightCount);

} // namespace mirstudio::toolkit
