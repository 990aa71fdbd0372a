// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/eventtokens.h"

#include "plugins/toolkit/notesfrommidi.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <tuple>

namespace mirstudio::toolkit {

EventTokenizer::Config EventTokenizer::fadernets()
{
    return Config{};
}

EventTokenizer::Config EventTokenizer::musicTransformer()
{
    Config c;
    c.velocityBins = 32;
    return c;
}

std::int64_t EventTokenizer::vocabularySize() const
{
    return m_config.reserved + 2 * pitchCount() + m_config.maxShiftSteps + m_config.velocityBins;
}

std::int64_t EventTokenizer::noteOn(int pitch) const
{
    return m_config.reserved + (pitch - m_config.minPitch);
}

std::int64_t EventTokenizer::noteOff(int pitch) const
{
    return m_config.reserved + pitchCount() + (pitch - m_config.minPitch);
}

std::int64_t EventTokenizer::timeShift(int steps) const
{
    return m_config.reserved + 2 * pitchCount() + (steps - 1);
}

std::int64_t EventTokenizer::velocity(int bin) const
{
    return m_config.reserved + 2 * pitchCount() + m_config.maxShiftSteps + (bin - 1);
}

int EventTokenizer::velocityBinSize() const
{
    return (127 + m_config.velocityBins - 1) / m_config.velocityBins;
}

int EventTokenizer::velocityToBin(int midiVelocity) const
{
    return (std::clamp(midiVelocity, 1, 127) - 1) / velocityBinSize() + 1;
}

int EventTokenizer::binToVelocity(int bin) const
{
    return 1 + (bin - 1) * velocityBinSize();
}

std::int64_t EventTokenizer::quantise(double seconds) const
{
    // note_seq.quantize_to_step with cutoff 0.5: int(x * steps_per_second + 0.5).
    return std::int64_t(seconds * m_config.stepsPerSecond + 0.5);
}

std::vector<std::int64_t> EventTokenizer::encode(const sdk::NoteSequence &input) const
{
    sdk::NoteSequence notes;
    for (const sdk::Note &n : input.notes) {
        if (n.pitch >= m_config.minPitch && n.pitch <= m_config.maxPitch)
            notes.notes.push_back(n);
    }
    sortNotes(notes);   // Magenta sorts by (start_time, pitch)
    // (step, note index, is_off), sorted as Magenta's tuple sort.
    std::vector<std::tuple<std::int64_t, size_t, bool>> events;
    for (size_t i = 0; i < notes.notes.size(); ++i) {
        const sdk::Note &n = notes.notes[i];
        const std::int64_t on = quantise(n.start);
        std::int64_t off = quantise(n.start + n.duration);
        if (off == on)
            off = on + 1;
        events.emplace_back(on, i, false);
        events.emplace_back(off, i, true);
    }
    std::sort(events.begin(), events.end());

    std::vector<std::int64_t> tokens;
    std::int64_t current = 0;
    int currentBin = 0;
    for (const auto &[step, index, isOff] : events) {
        while (step > current + m_config.maxShiftSteps) {
            tokens.push_back(timeShift(m_config.maxShiftSteps));
            current += m_config.maxShiftSteps;
        }
        if (step > current) {
            tokens.push_back(timeShift(int(step - current)));
            current = step;
        }
        const sdk::Note &n = notes.notes[index];
        if (!isOff && m_config.velocityBins > 0) {
            const int bin = velocityToBin(n.velocity);
            if (bin != currentBin) {
                currentBin = bin;
                tokens.push_back(velocity(bin));
            }
        }
        tokens.push_back(isOff ? noteOff(n.pitch) : noteOn(n.pitch));
    }
    if (m_config.appendEos)
        tokens.push_back(kEos);
    return tokens;
}

sdk::NoteSequence EventTokenizer::decode(const std::vector<std::int64_t> &tokens) const
{
    const double secondsPerStep = 1.0 / m_config.stepsPerSecond;
    const std::int64_t offBase = noteOff(m_config.minPitch);
    const std::int64_t shiftBase = timeShift(1);
    const std::int64_t velocityBase = velocity(1);
    std::map<int, std::deque<std::pair<std::int64_t, int>>> open;   // pitch -> (step, velocity)
    sdk::NoteSequence seq;
    std::int64_t step = 0;
    int currentVelocity = 100;
    auto emit = [&](int pitch, std::int64_t start, int vel) {
        if (step == start)
            return;   // zero duration: dropped, as Magenta does
        sdk::Note note;
        note.pitch = pitch;
        note.velocity = vel;
        note.start = double(start) * secondsPerStep;
        note.duration = double(step) * secondsPerStep - note.start;
        seq.notes.push_back(note);
    };
    for (std::int64_t t : tokens) {
        if (t < m_config.reserved || t >= vocabularySize())
            continue;
        if (t < offBase) {
            open[int(t - noteOn(m_config.minPitch)) + m_config.minPitch].emplace_back(
                step, currentVelocity);
        } else if (t < shiftBase) {
            auto &queue = open[int(t - offBase) + m_config.minPitch];
            if (queue.empty())
                continue;
            const auto [start, vel] = queue.front();
            queue.pop_front();
            emit(int(t - offBase) + m_config.minPitch, start, vel);
        } else if (t < velocityBase) {
            step += t - shiftBase + 1;
        } else {
            currentVelocity = binToVelocity(int(t - velocityBase) + 1);
        }
    }
    for (auto &[pitch, queue] : open) {
        for (const auto &[start, vel] : queue)
            emit(pitch, start, vel);
    }
    sortNotes(seq);
    return seq;
}

} // namespace mirstudio::toolkit
