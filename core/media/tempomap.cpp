// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/tempomap.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::media {

namespace {

template<typename T>
void insertSorted(std::vector<T> &v, const T &item)
{
    auto it = std::lower_bound(v.begin(), v.end(), item.tick,
                               [](const T &a, std::int64_t t) { return a.tick < t; });
    if (it != v.end() && it->tick == item.tick)
        *it = item;
    else
        v.insert(it, item);
}

template<typename T>
const T &lastAtOrBefore(const std::vector<T> &v, double tick)
{
    auto it = std::upper_bound(v.begin(), v.end(), tick,
                               [](double t, const T &a) { return t < double(a.tick); });
    return it == v.begin() ? v.front() : *(it - 1);
}

std::int64_t rescale(std::int64_t tick, int from, int to)
{
    return std::llround(double(tick) * double(to) / double(from));
}

} // namespace

TempoMap::TempoMap(int ppq)
    : m_ppq(ppq > 0 ? ppq : 960)
{
    clear();
}

void TempoMap::clear()
{
    m_tempos = {TempoPoint{}};
    m_timeSigs = {TimeSignature{}};
    m_keySigs = {KeySignature{}};
}

void TempoMap::setPpq(int ppq)
{
    if (ppq <= 0 || ppq == m_ppq)
        return;
    for (auto &t : m_tempos)
        t.tick = rescale(t.tick, m_ppq, ppq);
    for (auto &t : m_timeSigs)
        t.tick = rescale(t.tick, m_ppq, ppq);
    for (auto &t : m_keySigs)
        t.tick = rescale(t.tick, m_ppq, ppq);
    m_ppq = ppq;
}

void TempoMap::setTempo(const TempoPoint &point)
{
    TempoPoint p = point;
    p.tick = std::max<std::int64_t>(0, p.tick);
    if (!(p.microsPerQuarter > 0.0))
        p.microsPerQuarter = 500000.0;
    insertSorted(m_tempos, p);
}

void TempoMap::setTimeSignature(const TimeSignature &sig)
{
    TimeSignature s = sig;
    s.tick = std::max<std::int64_t>(0, s.tick);
    if (s.numerator <= 0)
        s.numerator = 4;
    if (s.denominator <= 0)
        s.denominator = 4;
    insertSorted(m_timeSigs, s);
}

void TempoMap::setKeySignature(const KeySignature &key)
{
    KeySignature k = key;
    k.tick = std::max<std::int64_t>(0, k.tick);
    k.sharps = std::clamp(k.sharps, -7, 7);
    insertSorted(m_keySigs, k);
}

double TempoMap::secondsAt(double tick) const
{
    double seconds = 0.0;
    for (std::size_t i = 0; i < m_tempos.size(); ++i) {
        const double start = double(m_tempos[i].tick);
        const double end = i + 1 < m_tempos.size() ? double(m_tempos[i + 1].tick) : tick;
        if (tick <= start)
            break;
        const double span = std::min(tick, end) - start;
        seconds += span * m_tempos[i].microsPerQuarter / (1e6 * m_ppq);
    }
    if (tick < 0) // before zero: extrapolate with the first tempo
        seconds = tick * m_tempos.front().microsPerQuarter / (1e6 * m_ppq);
    return seconds;
}

double TempoMap::tickAt(double seconds) const
{
    if (seconds < 0)
        return seconds * 1e6 * m_ppq / m_tempos.front().microsPerQuarter;
    double elapsed = 0.0;
    for (std::size_t i = 0; i < m_tempos.size(); ++i) {
        const double secPerTick = m_tempos[i].microsPerQuarter / (1e6 * m_ppq);
        const bool last = i + 1 == m_tempos.size();
        const double segTicks = last ? 0.0 : double(m_tempos[i + 1].tick - m_tempos[i].tick);
        if (last || elapsed + segTicks * secPerTick > seconds)
            return double(m_tempos[i].tick) + (seconds - elapsed) / secPerTick;
        elapsed += segTicks * secPerTick;
    }
    return 0.0;
}

std::int64_t TempoMap::frameAt(double tick, double sampleRate) const
{
    return std::llround(secondsAt(tick) * sampleRate);
}

double TempoMap::tickAtFrame(std::int64_t frame, double sampleRate) const
{
    return tickAt(double(frame) / sampleRate);
}

double TempoMap::bpmAt(double tick) const
{
    return lastAtOrBefore(m_tempos, tick).bpm();
}

TimeSignature TempoMap::timeSignatureAt(double tick) const
{
    return lastAtOrBefore(m_timeSigs, tick);
}

KeySignature TempoMap::keySignatureAt(double tick) const
{
    return lastAtOrBefore(m_keySigs, tick);
}

BarBeat TempoMap::barBeatAt(std::int64_t tick) const
{
    // Walk the meter segments; each new signature starts a new bar (as in SMF practice).
    std::int64_t bar = 1;
    for (std::size_t i = 0; i < m_timeSigs.size(); ++i) {
        const auto &sig = m_timeSigs[i];
        const std::int64_t beatTicks = std::max<std::int64_t>(1, std::int64_t(m_ppq) * 4 / sig.denominator);
        const std::int64_t barTicks = beatTicks * sig.numerator;
        const bool last = i + 1 == m_timeSigs.size();
        const std::int64_t segEnd = last ? tick + 1 : m_timeSigs[i + 1].tick;
        if (tick < segEnd || last) {
            const std::int64_t into = std::max<std::int64_t>(0, tick - sig.tick);
            BarBeat bb;
            bb.bar = bar + into / barTicks;
            bb.beat = int((into % barTicks) / beatTicks) + 1;
            bb.tick = (into % barTicks) % beatTicks;
            return bb;
        }
        bar += (segEnd - sig.tick + barTicks - 1) / barTicks;
    }
    return {};
}

std::int64_t TempoMap::tickOfBar(std::int64_t bar) const
{
    std::int64_t firstBar = 1;
    for (std::size_t i = 0; i < m_timeSigs.size(); ++i) {
        const auto &sig = m_timeSigs[i];
        const std::int64_t barTicks =
            std::max<std::int64_t>(1, std::int64_t(m_ppq) * 4 / sig.denominator) * sig.numerator;
        const bool last = i + 1 == m_timeSigs.size();
        const std::int64_t bars =
            last ? 0 : (m_timeSigs[i + 1].tick - sig.tick + barTicks - 1) / barTicks;
        if (last || bar < firstBar + bars)
            return sig.tick + (bar - firstBar) * barTicks;
        firstBar += bars;
    }
    return 0;
}

} // namespace mirstudio::media
