// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fftw3.h>

#include <QHash>
#include <QMutex>

namespace mirstudio {

/**
 * Process-wide real-to-complex FFTW plans by size. FFTW's planner is not thread-safe, so plans
 * are created under one mutex; executing a plan with new arrays (fftwf_execute_dft_r2c) is
 * thread-safe, so every worker shares the plan and brings its own fftwf_malloc'd (aligned)
 * buffers. Plans live until the process ends. Any thread.
 */
class FftwPlanCache
{
public:
    static FftwPlanCache &instance();
    /** The r2c plan for `size` points (planned once, FFTW_ESTIMATE, out of place). */
    fftwf_plan r2c(int size);

private:
    FftwPlanCache() = default;
    QMutex m_mutex;
    QHash<int, fftwf_plan> m_plans;
};

} // namespace mirstudio
