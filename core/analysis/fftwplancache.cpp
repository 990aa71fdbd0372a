// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/fftwplancache.h"

#include <QMutexLocker>

namespace mirstudio {

FftwPlanCache &FftwPlanCache::instance()
{
    static FftwPlanCache cache;
    return cache;
}

fftwf_plan FftwPlanCache::r2c(int size)
{
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_plans.constFind(size); it != m_plans.cend())
        return *it;
    // Plan on scratch arrays: fftwf_malloc alignment matches the workers' own buffers.
    float *in = fftwf_alloc_real(std::size_t(size));
    fftwf_complex *out = fftwf_alloc_complex(std::size_t(size / 2 + 1));
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, in, out, FFTW_ESTIMATE);
    fftwf_free(in);
    fftwf_free(out);
    m_plans.insert(size, plan);
    return plan;
}

} // namespace mirstudio
