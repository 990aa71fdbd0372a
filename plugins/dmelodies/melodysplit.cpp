// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/melodysplit.h"

#include "plugins/dmelodies/dmelodiesfactors.h"
#include "plugins/toolkit/trainer.h"

namespace mirstudio::dmelodies {

std::vector<int64_t> MelodySplit::indices(Part part, uint64_t seed)
{
    const auto order = toolkit::Trainer::epochOrder(kMelodyCount, seed, 0);
    const auto trainEnd = int64_t(double(kMelodyCount) * 0.7);
    const auto validationEnd = int64_t(double(kMelodyCount) * 0.9);
    const int64_t from = part == Part::Train ? 0 : part == Part::Validation ? trainEnd : validationEnd;
    const int64_t to = part == Part::Train ? trainEnd : part == Part::Validation ? validationEnd : kMelodyCount;
    return {order.begin() + from, order.begin() + to};
}

} // namespace mirstudio::dmelodies
