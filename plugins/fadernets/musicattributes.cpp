// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/musicattributes.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace mirstudio::fadernets {

namespace {
constexpr int kMaxDensity = 15;
}

MusicAttributes MusicAttributes::fromActivePitches(const std::vector<std::vector<int>> &activePerStep)
{
    MusicAttributes a;
    std::set<int> previous;
    int onsets = 0;
    double densitySum = 0.0;
    for (const auto &stepPitches : activePerStep) {
        const std::set<int> now(stepPitches.begin(), stepPitches.end());
        int r = 0;
        if (!now.empty()) {
            const bool fresh = std::any_of(now.begin(), now.end(),
                                           [&](int p) { return !previous.count(p); });
            r = fresh ? 1 : 2;
        }
        const int n = std::min(int(now.size()), kMaxDensity);
        a.rhythm.push_back(r);
        a.noteDensity.push_back(n);
        onsets += r == 1;
        densitySum += n;
        previous = now;
    }
    if (!activePerStep.empty()) {
        a.rhythmDensity = double(onsets) / double(activePerStep.size());
        a.noteDensityMean = densitySum / double(activePerStep.size());
    }
    return a;
}

MusicAttributes MusicAttributes::fromNotes(const sdk::NoteSequence &sequence, double startSeconds,
                                           int steps)
{
    const double stepSeconds = 60.0 / std::max(1.0, sequence.bpm) / 4.0;
    std::vector<std::vector<int>> active(size_t(std::max(0, steps)));
    for (const auto &note : sequence.notes) {
        const auto first = std::lround((note.start - startSeconds) / stepSeconds);
        auto last = std::lround((note.start + note.duration - startSeconds) / stepSeconds);
        last = std::max(last, first + 1);
        for (auto s = std::max<long>(first, 0); s < std::min<long>(last, steps); ++s)
            active[size_t(s)].push_back(note.pitch);
    }
    return fromActivePitches(active);
}

} // namespace mirstudio::fadernets
