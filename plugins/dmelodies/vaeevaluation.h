// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/dmelodies/vaemodel.h"

#include <QString>
#include <vector>

namespace mirstudio::dmelodies {

/** The benchmark's metrics of one model on (a prefix of) the test split. */
struct VaeEvaluationResult
{
    int64_t items = 0;
    double mig = 0.0;
    std::vector<double> migPerFactor;
    double modularity = 0.0;
    double sap = 0.0;
    double accuracy = 0.0;   ///< reconstruction accuracy, no teacher forcing (greedy)
};

/**
 * Computes MIG, Modularity, SAP (toolkit::Disentanglement) on sampled codes z (rsample, as the
 * benchmark does) of the first `items` melodies of the seeded test split, and the reconstruction
 * accuracy of their greedy decoding. Blocking; one thread.
 */
class VaeEvaluation
{
public:
    static VaeEvaluationResult run(VaeModel &model, int64_t items, uint64_t seed);
    /** One Markdown table row: "| label | MIG | Modularity | SAP | accuracy |". */
    static QString markdownRow(const QString &label, const VaeEvaluationResult &r);
};

} // namespace mirstudio::dmelodies
