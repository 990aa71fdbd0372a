// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/midifile.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::media {

namespace {

std::int64_t rescaleTick(std::int64_t tick, int from, int to)
{
    return std::llround(double(tick) * double(to) / double(from));
}

} // namespace

std::int64_t MidiTrack::lengthTicks() const
{
    std::int64_t last = endTick;
    for (const auto &n : notes)
        last = std::max({last, n.startTick, n.endTick});
    for (const auto &e : programChanges)
        last = std::max(last, e.tick);
    for (const auto &e : controlChanges)
        last = std::max(last, e.tick);
    for (const auto &e : pitchBends)
        last = std::max(last, e.tick);
    for (const auto &e : texts)
        last = std::max(last, e.tick);
    for (const auto &e : sysEx)
        last = std::max(last, e.tick);
    return last;
}

std::int64_t MidiFile::lengthTicks() const
{
    std::int64_t last = 0;
    for (const auto &t : tracks)
        last = std::max(last, t.lengthTicks());
    return last;
}

double MidiFile::lengthSeconds() const
{
    if (tempoMap.ppq() == ppq)
        return tempoMap.secondsAt(double(lengthTicks()));
    TempoMap m = tempoMap;
    m.setPpq(ppq);
    return m.secondsAt(double(lengthTicks()));
}

std::int64_t MidiFile::noteCount() const
{
    std::int64_t n = 0;
    for (const auto &t : tracks)
        n += std::int64_t(t.notes.size());
    return n;
}

void MidiFile::setPpq(int newPpq)
{
    if (newPpq <= 0)
        return;
    if (tempoMap.ppq() != ppq && ppq > 0)
        tempoMap.setPpq(ppq);
    if (newPpq == ppq) {
        tempoMap.setPpq(newPpq);
        return;
    }
    const int from = ppq > 0 ? ppq : newPpq;
    auto r = [&](std::int64_t t) { return rescaleTick(t, from, newPpq); };
    for (auto &t : tracks) {
        t.endTick = r(t.endTick);
        for (auto &n : t.notes) {
            n.startTick = r(n.startTick);
            n.endTick = r(n.endTick);
        }
        for (auto &e : t.programChanges)
            e.tick = r(e.tick);
        for (auto &e : t.controlChanges)
            e.tick = r(e.tick);
        for (auto &e : t.pitchBends)
            e.tick = r(e.tick);
        for (auto &e : t.texts)
            e.tick = r(e.tick);
        for (auto &e : t.sysEx)
            e.tick = r(e.tick);
    }
    tempoMap.setPpq(newPpq);
    ppq = newPpq;
    updateSeconds();
}

void MidiFile::updateSeconds()
{
    TempoMap converted;
    const TempoMap *map = &tempoMap;
    if (tempoMap.ppq() != ppq && ppq > 0) {
        converted = tempoMap;
        converted.setPpq(ppq);
        map = &converted;
    }
    // TempoMap::secondsAt() walks every tempo segment; with many notes and many tempo changes
    // that is quadratic, so accumulate the segment starts once (in the same order of
    // additions, hence the same values) and binary-search each tick.
    const auto &tempos = map->tempos();
    const double ticksToMicros = 1e6 * map->ppq();
    std::vector<double> startSeconds(tempos.size(), 0.0);
    for (std::size_t i = 1; i < tempos.size(); ++i)
        startSeconds[i] = startSeconds[i - 1]
                          + double(tempos[i].tick - tempos[i - 1].tick)
                                * tempos[i - 1].microsPerQuarter / ticksToMicros;
    auto seconds = [&](std::int64_t tick) {
        if (tick <= 0 || tempos.empty())
            return map->secondsAt(double(tick));
        auto it = std::upper_bound(tempos.begin(), tempos.end(), tick,
                                   [](std::int64_t t, const TempoPoint &p) { return t < p.tick; });
        const std::size_t i = it == tempos.begin() ? 0 : std::size_t(it - tempos.begin()) - 1;
        if (tick <= tempos[i].tick)
            return startSeconds[i];
        return startSeconds[i]
               + double(tick - tempos[i].tick) * tempos[i].microsPerQuarter / ticksToMicros;
    };
    for (auto &t : tracks) {
        for (auto &n : t.notes) {
            n.startSeconds = seconds(n.startTick);
            n.endSeconds = seconds(n.endTick);
        }
    }
}

} // namespace mirstudio::media
