// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace mirstudio::testsupport {

/** How a partial StemSet compares with a finished reference separation. */
struct PartialComparison
{
    QString problem;              ///< empty when shapes and values are sane
    double maxFinishedDiff = 0.0; ///< max |partial - reference| over [0, framesReady)
    double maxUnfinished = 0.0;   ///< max |partial| over [silentFrom, end) of the `silent` stems
};

/**
 * Checks a published partial: every stem of `reference` is present with `channels` channels of
 * `frames` finite samples; over [0, framesReady) it equals `reference` (which must be at least
 * that long); the stems named in `silent` are measured from `silentFrom` to the end.
 */
inline PartialComparison comparePartial(const sdk::StemSet &partial, const sdk::StemSet &reference,
                                        int channels, int64_t frames, int64_t framesReady,
                                        const QStringList &silent, int64_t silentFrom)
{
    PartialComparison r;
    if (partial.order != reference.order)
        r.problem = QStringLiteral("stem order %1 != %2").arg(partial.order.join(u','), reference.order.join(u','));
    for (const QString &name : reference.order) {
        const auto p = partial.stems.constFind(name);
        const sdk::AudioBuffer ref = reference.stems.value(name);
        if (p == partial.stems.cend() || p->channelCount() != channels || p->frameCount() != frames
            || ref.frameCount() < framesReady) {
            r.problem = QStringLiteral("stem %1 is missing or has the wrong shape").arg(name);
            return r;
        }
        for (int c = 0; c < channels; ++c) {
            const std::vector<float> &x = p->channels[size_t(c)];
            for (int64_t i = 0; i < frames; ++i) {
                if (!std::isfinite(x[size_t(i)]))
                    r.problem = QStringLiteral("stem %1 has a non-finite sample at %2").arg(name).arg(i);
                if (i < framesReady)
                    r.maxFinishedDiff = std::max(r.maxFinishedDiff,
                                                 double(std::abs(x[size_t(i)] - ref.channels[size_t(c)][size_t(i)])));
                else if (i >= silentFrom && silent.contains(name))
                    r.maxUnfinished = std::max(r.maxUnfinished, double(std::abs(x[size_t(i)])));
            }
        }
    }
    return r;
}

} // namespace mirstudio::testsupport
