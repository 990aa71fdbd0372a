// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/plateauschedule.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace mirstudio::openunmix {

PlateauSchedule::PlateauSchedule(double factor, int patience, int cooldown, double minFactor)
    : m_factor(factor)
    , m_patience(patience)
    , m_cooldown(cooldown)
    , m_minFactor(minFactor)
    , m_best(std::numeric_limits<double>::infinity())
{
    if (!(factor > 0.0 && factor < 1.0) || patience < 0 || cooldown < 0)
        throw std::invalid_argument("PlateauSchedule: factor must be in (0, 1), patience and cooldown >= 0");
}

double PlateauSchedule::observe(double metric)
{
    if (metric < m_best * (1.0 - 1e-4)) {
        m_best = metric;
        m_badEpochs = 0;
    } else {
        ++m_badEpochs;
    }
    if (m_cooldownLeft > 0) {
        --m_cooldownLeft;
        m_badEpochs = 0;   // as PyTorch: bad epochs are ignored during cooldown
    }
    if (m_badEpochs > m_patience) {
        m_current = std::max(m_current * m_factor, m_minFactor);
        m_cooldownLeft = m_cooldown;
        m_badEpochs = 0;
    }
    return m_current;
}

} // namespace mirstudio::openunmix
