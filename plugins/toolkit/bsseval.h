// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <cstdint>
#include <vector>

namespace at { class Tensor; }

namespace mirstudio::toolkit {

/**
 * How BSS-eval decomposes and scores. The presets reproduce the reference implementations:
 *  - museval()            museval.evaluate(mode="v4"): 1 s windows (44100 samples) and hop,
 *                         distortion filters estimated once on the whole signal, image criteria
 *                         (SDR/ISR/SIR/SAR), no permutation. This is the SiSEC 2018 / MUSDB18
 *                         protocol; aggregate with BssEvalResult::median().
 *  - mirEvalSources()     mir_eval.separation.bss_eval_sources: whole signal, filters per frame,
 *                         bss_eval_sources criteria (SDR/SIR/SAR, no ISR), best permutation.
 *  - mirEvalImages()      mir_eval.separation.bss_eval_images: as above with image criteria.
 * Set window/hop for the *_framewise variants (mir_eval defaults 30 s / 15 s).
 */
struct BssEvalConfig
{
    int64_t window = 44100;          ///< samples per frame; <= 0 or >= length: the whole signal
    int64_t hop = 44100;             ///< samples between frame starts
    int filtersLength = 512;         ///< distortion filter taps (maximum lag)
    bool framewiseFilters = false;   ///< true: filters per frame (v3); false: once per signal (v4)
    bool sourcesVersion = false;     ///< true: bss_eval_sources criteria (ISR is NaN)
    bool computePermutation = false; ///< true: best estimate order by mean SIR

    static BssEvalConfig museval();
    static BssEvalConfig mirEvalSources();
    static BssEvalConfig mirEvalImages();
};

/**
 * Framewise BSS-eval scores in dB, indexed [reference source][frame]. A frame in which any
 * reference or estimate is silent holds NaN (as museval/mir_eval). `permutation[j][f]` is the
 * estimate matched to reference j in frame f (one column when filters are not framewise).
 */
struct BssEvalResult
{
    std::vector<std::vector<double>> sdr, isr, sir, sar;
    std::vector<std::vector<int>> permutation;

    int sourceCount() const { return int(sdr.size()); }
    int frameCount() const { return sdr.empty() ? 0 : int(sdr.front().size()); }

    /** Median over the non-NaN frames (museval's aggregate, numpy.nanmedian); NaN if none. */
    static double median(const std::vector<double> &frames);
};

/**
 * BSS-eval (Vincent et al. 2006; v4 of Liutkus et al. 2018) on references and estimates of
 * shape [sources, channels, samples] (2-D [sources, samples] is mono), any float dtype; both
 * must have the same shape. Computed in float64 with torch on the calling thread. Cost: one
 * (sources*channels*filtersLength)^2 linear system per filter estimate (v4: once per signal).
 * Throws std::invalid_argument for mismatched shapes, silent sources or empty input.
 */
BssEvalResult bssEval(const at::Tensor &references, const at::Tensor &estimates,
                      const BssEvalConfig &config = BssEvalConfig::museval());

/** The same on audio buffers (one per source, equal rate, channels and length). */
BssEvalResult bssEval(const std::vector<sdk::AudioBuffer> &references,
                      const std::vector<sdk::AudioBuffer> &estimates,
                      const BssEvalConfig &config = BssEvalConfig::museval());

} // namespace mirstudio::toolkit
