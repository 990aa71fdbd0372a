// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio {

namespace media { struct AudioData; }

/**
 * ITU-R BS.1770-4 integrated loudness of a whole signal, in LUFS: K-weighting (the standard's
 * high shelf and high pass, derived for any sample rate; at 48 kHz they match the standard's
 * coefficients), mean square per channel in 400 ms blocks with 75 % overlap, channel weights 1
 * (L, R, C: other surround weights are not applied), absolute gate -70 LUFS and relative gate
 * -10 LU. A signal shorter than one block is measured as one block. A mono signal counts as
 * played on both channels (the engine feeds a mono source to left and right), i.e. +3.01 dB over
 * BS.1770's mono figure, so mono and stereo sources compare as they are heard.
 *
 * Stateless; any thread (never the audio thread: it allocates and walks the whole signal).
 */
class LoudnessMeter
{
public:
    /** Integrated loudness in LUFS; -infinity for silence or empty audio. */
    static double integratedLoudness(const media::AudioData &audio);
    /**
     * Gains in dB that bring two signals of loudness `lufsA` and `lufsB` to the same loudness by
     * attenuating the louder one (never boosting, so matching cannot clip): the quieter one
     * gets 0 dB. When either is silent (not finite) both are 0 dB.
     */
    static void matchingGains(double lufsA, double lufsB, double &gainDbA, double &gainDbB);
};

} // namespace mirstudio
