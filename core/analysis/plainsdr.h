// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio {

namespace media { struct AudioData; }

/**
 * Plain signal-to-distortion ratio of an estimated stem against its reference:
 * 10 log10(sum s^2 / sum (s - s_hat)^2) over every channel and the frames both have. This is NOT
 * museval's / BSS Eval's SDR (no allowed distortion filter, no framing, no median over
 * windows): shown as "SDR (plain)". A mono estimate is compared with every reference channel;
 * a mono reference with the estimate's first channel.
 *
 * Stateless; any thread (it walks both signals: not for the audio thread).
 */
class PlainSdr
{
public:
    /** In dB; +infinity for an exact estimate, NaN when the reference is silent or either is empty. */
    static double compute(const media::AudioData &reference, const media::AudioData &estimate);
};

} // namespace mirstudio
