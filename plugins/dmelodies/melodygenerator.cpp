// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/melodygenerator.h"

#include <stdexcept>

namespace mirstudio::dmelodies {

namespace {
// Semitone offsets of scale degrees 0..8 (two notes beyond the octave).
constexpr int kScales[3][9] = {
    {0, 2, 4, 5, 7, 9, 11, 12, 14}, // major
    {0, 2, 3, 5, 7, 8, 11, 12, 14}, // harmonic minor
    {0, 2, 3, 5, 6, 9, 10, 12, 14}, // blues
};
// Scale degrees of the arpeggios I, IV, V, I.
constexpr int kChords[4][3] = {{0, 2, 4}, {3, 5, 7}, {4, 6, 8}, {0, 2, 4}};
} // namespace

std::array<int, 6> MelodyGenerator::rhythmPattern(int pattern)
{
    if (pattern < 0 || pattern >= 28)
        throw std::out_of_range("dMelodies rhythm pattern out of range");
    // Lexicographic enumeration of 6-element subsets of 0..7 (itertools.combinations order).
    std::array<int, 6> c{0, 1, 2, 3, 4, 5};
    for (int n = 0; n < pattern; ++n) {
        int i = 5;
        while (c[size_t(i)] == 8 - 6 + i)
            --i;
        ++c[size_t(i)];
        for (int j = i + 1; j < 6; ++j)
            c[size_t(j)] = c[size_t(j - 1)] + 1;
    }
    return c;
}

int MelodyGenerator::rootPitch(int tonic, int octave)
{
    return 12 * (octave + 5) + tonic;
}

QString MelodyGenerator::noteName(int midiPitch)
{
    static const char *names[12] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    return QString::fromLatin1(names[midiPitch % 12]) + QString::number(midiPitch / 12 - 1);
}

MelodyTicks MelodyGenerator::melody(const DMelodiesFactors &factors)
{
    if (!factors.isValid())
        throw std::out_of_range("dMelodies factors out of range");
    const int root = rootPitch(factors.tonic(), factors.octave());
    const int *scale = kScales[factors.scale()];
    std::array<int, 12> notes{};
    for (int chord = 0; chord < 4; ++chord)
        for (int k = 0; k < 3; ++k) {
            const int degree = factors.arpeggiation(chord) == 0 ? kChords[chord][k] : kChords[chord][2 - k];
            notes[size_t(chord * 3 + k)] = root + scale[degree];
        }
    MelodyTicks ticks;
    ticks.fill(kRest);
    for (int bar = 0; bar < 2; ++bar) {
        const auto onsets = rhythmPattern(bar == 0 ? factors.rhythmBar1() : factors.rhythmBar2());
        for (int k = 0; k < 6; ++k)
            ticks[size_t(bar * kTicksPerBar + onsets[size_t(k)])] = notes[size_t(bar * 6 + k)];
    }
    return ticks;
}

std::optional<DMelodiesFactors> MelodyGenerator::factorsOf(const MelodyTicks &ticks)
{
    DMelodiesFactors f;
    for (int bar = 0; bar < 2; ++bar) {
        std::array<int, 6> onsets{};
        int n = 0;
        for (int t = 0; t < kTicksPerBar; ++t)
            if (ticks[size_t(bar * kTicksPerBar + t)] != kRest) {
                if (n == 6)
                    return std::nullopt;
                onsets[size_t(n++)] = t;
            }
        if (n != 6)
            return std::nullopt;
        for (int p = 0; p < 28; ++p)
            if (rhythmPattern(p) == onsets)
                f.values[size_t(3 + bar)] = p;
    }
    const int first = ticks[size_t(rhythmPattern(f.rhythmBar1())[0])];
    for (int tonic = 0; tonic < 12; ++tonic)
        for (int octave = 0; octave < 3; ++octave) {
            // The first note is the root or the chord's fifth (arpeggio down): prune far roots.
            const int root = rootPitch(tonic, octave);
            if (first < root || first > root + 7)
                continue;
            for (int scale = 0; scale < 3; ++scale)
                for (int arps = 0; arps < 16; ++arps) {
                    f.values[0] = tonic;
                    f.values[1] = octave;
                    f.values[2] = scale;
                    for (int c = 0; c < 4; ++c)
                        f.values[size_t(5 + c)] = (arps >> (3 - c)) & 1;
                    if (melody(f) == ticks)
                        return f;
                }
        }
    return std::nullopt;
}

} // namespace mirstudio::dmelodies
