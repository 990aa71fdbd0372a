// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio::openunmix {

/**
 * Reduce-on-plateau learning-rate policy, as torch.optim.lr_scheduler.ReduceLROnPlateau in
 * mode "min" with a relative threshold of 1e-4 (the scheduler Open-Unmix's train.py uses with
 * factor 0.3, patience 80 epochs, cooldown 10). It only decides a factor; the caller applies it
 * (toolkit::Trainer::setLearningRateFactor). Plain value, no threads.
 */
class PlateauSchedule
{
public:
    PlateauSchedule(double factor, int patience, int cooldown, double minFactor = 0.0);

    /** Feeds one validation value; returns the learning-rate factor to use from now on. */
    double observe(double metric);

    double factor() const { return m_current; }
    double best() const { return m_best; }

private:
    double m_factor;
    int m_patience;
    int m_cooldown;
    double m_minFactor;
    double m_current = 1.0;
    double m_best;
    int m_badEpochs = 0;
    int m_cooldownLeft = 0;
};

} // namespace mirstudio::openunmix
