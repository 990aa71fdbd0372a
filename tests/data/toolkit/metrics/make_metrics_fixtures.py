#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the reference signals, notes and metric values that tst_bsseval and
tst_transcriptionmetrics compare the toolkit against.

Run with Debian's interpreter (it has python3-mir-eval, numpy and scipy):
    /usr/bin/python3 tests/data/toolkit/metrics/make_metrics_fixtures.py

Separation: mir_eval.separation computes BSS-eval v3 (distortion filters estimated anew on
every frame). museval (BSS-eval v4, not packaged in Debian) estimates the filters once on the
whole signal and then scores each frame with them. `bss_eval_v4` below writes that computation
out directly (explicit delayed-reference matrices, no FFT), independently of the C++ code, and
is checked here against mir_eval where both must agree: with one frame covering the whole
signal, v4 and v3 are the same computation.

Signals are stored as raw little-endian float32, planar [sources, channels, samples].
"""
import json
import os

import numpy as np
import mir_eval

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20201011)
FILTERS_LEN = 512


def coloured_noise(n, taps=16):
    kernel = RNG.standard_normal(taps) * np.exp(-np.arange(taps) / 4.0)
    return np.convolve(RNG.standard_normal(n), kernel, mode="same")


def make_sources(nsrc, nchan, n):
    """Coloured noise sources, each channel a slightly delayed and scaled copy."""
    out = np.zeros((nsrc, nchan, n))
    for s in range(nsrc):
        base = coloured_noise(n + 8)
        for c in range(nchan):
            out[s, c] = (1.0 - 0.2 * c) * base[c * 3:c * 3 + n]
    return out


def make_estimates(refs):
    """Each estimate: its source filtered, some leakage of the others, some noise."""
    nsrc, nchan, n = refs.shape
    est = np.zeros_like(refs)
    for s in range(nsrc):
        for c in range(nchan):
            h = np.array([0.9, 0.25, -0.1])
            est[s, c] = np.convolve(refs[s, c], h)[:n]
            for o in range(nsrc):
                if o != s:
                    est[s, c] += 0.15 * (o + 1) * refs[o, c]
            est[s, c] += 0.05 * (s + 1) * RNG.standard_normal(n)
    return est


def save_f32(name, x):
    x.astype("<f4").tofile(os.path.join(HERE, name))


def as_f64_of_f32(x):
    return x.astype(np.float32).astype(np.float64)


def delayed_matrix(x, L):
    """Columns: x delayed by 0..L-1 samples, zero padded to len(x)+L-1."""
    n = len(x)
    A = np.zeros((n + L - 1, L))
    for d in range(L):
        A[d:d + n, d] = x
    return A


def project_direct(refs, est, L):
    """Least-squares projection of est [C, n] on all delayed channels of refs [S, C, n];
    returns the filters (per output channel) in the delayed-matrix basis."""
    S, C, n = refs.shape
    A = np.hstack([delayed_matrix(refs[s, c], L) for s in range(S) for c in range(C)])
    G = A.T @ A
    est_pad = np.hstack([est, np.zeros((C, L - 1))])
    D = A.T @ est_pad.T
    eps = np.finfo(float).eps
    return np.linalg.solve(G + eps * np.eye(G.shape[0]), D)   # [S*C*L, C]


def apply_filters(refs, filt, L):
    S, C, n = refs.shape
    A = np.hstack([delayed_matrix(refs[s, c], L) for s in range(S) for c in range(C)])
    return (A @ filt).T   # [C, n+L-1]


def db(num, den):
    return np.inf if den == 0 else 10 * np.log10(num / den)


def bss_eval_v4(refs, ests, window, hop, L=FILTERS_LEN):
    """museval.metrics.bss_eval(..., framewise_filters=False, bsseval_sources_version=False,
    compute_permutation=False): image criteria, filters from the whole signal."""
    S, C, n = refs.shape
    filt_all = [project_direct(refs, ests[j], L) for j in range(S)]
    filt_one = [project_direct(refs[j:j + 1], ests[j], L) for j in range(S)]
    nwin = int(np.floor((n - window + hop) / hop)) if window < n else 1
    out = np.full((4, S, nwin), np.nan)
    for t in range(nwin):
        a, b = (t * hop, min(t * hop + window, n)) if window < n else (0, n)
        r, e = refs[:, :, a:b], ests[:, :, a:b]
        if np.any(np.all(r.sum(1) == 0, axis=1)) or np.any(np.all(e.sum(1) == 0, axis=1)):
            continue
        for j in range(S):
            s_true = np.hstack([r[j], np.zeros((C, L - 1))])
            p_one = apply_filters(r[j:j + 1], filt_one[j], L)
            p_all = apply_filters(r, filt_all[j], L)
            e_spat, e_interf = p_one - s_true, p_all - p_one
            e_artif = np.hstack([e[j], np.zeros((C, L - 1))]) - p_all
            out[0, j, t] = db(np.sum(s_true ** 2), np.sum((e_spat + e_interf + e_artif) ** 2))
            out[1, j, t] = db(np.sum(s_true ** 2), np.sum(e_spat ** 2))
            out[2, j, t] = db(np.sum(p_one ** 2), np.sum(e_interf ** 2))
            out[3, j, t] = db(np.sum(p_all ** 2), np.sum(e_artif ** 2))
    return out


def nan_list(a):
    return [None if np.isnan(v) else float(v) for v in np.ravel(a)]


def separation_fixtures():
    result = {}
    # 1. mono, 3 sources, whole signal: mir_eval.separation.bss_eval_sources (permutation on;
    #    the estimates are stored in shuffled order so that the permutation matters).
    refs = make_sources(3, 1, 6000)
    ests = make_estimates(refs)[[2, 0, 1]]
    refs, ests = as_f64_of_f32(refs), as_f64_of_f32(ests)
    save_f32("sep_mono_refs.f32", refs)
    save_f32("sep_mono_ests.f32", ests)
    sdr, sir, sar, perm = mir_eval.separation.bss_eval_sources(refs[:, 0], ests[:, 0])
    result["sources"] = {"shape": list(refs.shape), "sdr": nan_list(sdr), "sir": nan_list(sir),
                         "sar": nan_list(sar), "perm": [int(p) for p in perm]}

    # 1b. one long mono source (70000 samples): longer than the C++ code's correlation block
    #     (65536 samples), so the blockwise correlation is checked across a block border.
    #     Generated after everything else so the other fixtures keep their random draws.
    # 2. stereo, 2 sources: bss_eval_images (whole), bss_eval_images_framewise (v3) and v4.
    n = 12000
    refs = make_sources(2, 2, n)
    ests = make_estimates(refs)
    refs[1, :, 4000:8000] = 0.0      # a silent reference frame: NaN in the framewise results
    refs, ests = as_f64_of_f32(refs), as_f64_of_f32(ests)
    save_f32("sep_stereo_refs.f32", refs)
    save_f32("sep_stereo_ests.f32", ests)
    to_me = lambda x: np.moveaxis(x, 1, 2)   # mir_eval wants [sources, samples, channels]
    sdr, isr, sir, sar, perm = mir_eval.separation.bss_eval_images(to_me(refs), to_me(ests))
    result["images"] = {"shape": list(refs.shape), "sdr": nan_list(sdr), "isr": nan_list(isr),
                        "sir": nan_list(sir), "sar": nan_list(sar), "perm": [int(p) for p in perm]}
    window, hop = 4000, 3000
    sdr, isr, sir, sar, perm = mir_eval.separation.bss_eval_images_framewise(
        to_me(refs), to_me(ests), window=window, hop=hop)
    result["images_framewise"] = {"window": window, "hop": hop, "frames": int(sdr.shape[1]),
                                  "sdr": nan_list(sdr), "isr": nan_list(isr),
                                  "sir": nan_list(sir), "sar": nan_list(sar)}

    # Sanity check of bss_eval_v4 itself: one whole-signal frame equals mir_eval's v3.
    whole = bss_eval_v4(refs, ests, window=n + 1, hop=n + 1)
    ref_whole = mir_eval.separation.bss_eval_images(to_me(refs), to_me(ests),
                                                     compute_permutation=False)
    assert np.allclose(whole[:, :, 0], np.array(ref_whole[:4]), atol=1e-6), (whole, ref_whole)

    window, hop = 4000, 4000
    v4 = bss_eval_v4(refs, ests, window, hop)
    result["v4"] = {"window": window, "hop": hop, "frames": int(v4.shape[2]),
                    "sdr": nan_list(v4[0]), "isr": nan_list(v4[1]), "sir": nan_list(v4[2]),
                    "sar": nan_list(v4[3]),
                    "median_sdr": [float(np.nanmedian(v4[0, j])) for j in range(2)]}
    refs = make_sources(1, 1, 70000)
    ests = make_estimates(refs) + 0.2 * np.roll(refs, 300, axis=2)
    refs, ests = as_f64_of_f32(refs), as_f64_of_f32(ests)
    save_f32("sep_long_refs.f32", refs)
    save_f32("sep_long_ests.f32", ests)
    sdr, sir, sar, perm = mir_eval.separation.bss_eval_sources(refs[:, 0], ests[:, 0])
    # (a single source has no interference: SIR is +inf, which JSON cannot hold; not stored)
    result["sources_long"] = {"shape": list(refs.shape), "sdr": nan_list(sdr), "sar": nan_list(sar)}
    return result


def random_notes(n, t_end):
    onsets = np.sort(RNG.uniform(0, t_end, n))
    durs = RNG.uniform(0.03, 0.8, n)
    # a small pitch set so that repeated notes make the matching ambiguous
    pitches = RNG.choice([55, 57, 60, 62, 64], n)
    return np.stack([onsets, onsets + durs], 1), pitches.astype(float)


def perturb_notes(intervals, pitches):
    keep = RNG.uniform(size=len(pitches)) > 0.12
    iv, p = intervals[keep].copy(), pitches[keep].copy()
    iv[:, 0] += RNG.uniform(-0.07, 0.07, len(p))
    iv[:, 1] += RNG.uniform(-0.12, 0.12, len(p))
    iv[:, 1] = np.maximum(iv[:, 1], iv[:, 0] + 0.01)
    wrong = RNG.uniform(size=len(p)) < 0.1
    p[wrong] += RNG.choice([-1, 1, 12], wrong.sum())
    p += RNG.uniform(-0.3, 0.3, len(p))      # detuning within/beyond a quarter tone
    extra_iv, extra_p = random_notes(8, 10.0)
    iv, p = np.vstack([iv, extra_iv]), np.concatenate([p, extra_p])
    order = RNG.permutation(len(p))
    return iv[order], p[order]


def transcription_fixtures():
    ref_iv, ref_p = random_notes(80, 10.0)
    est_iv, est_p = perturb_notes(ref_iv, ref_p)
    hz = lambda m: 440.0 * 2.0 ** ((m - 69.0) / 12.0)
    ref_hz, est_hz = hz(ref_p), hz(est_p)
    out = {"ref": [[float(a), float(b), float(f)] for (a, b), f in zip(ref_iv, ref_hz)],
           "est": [[float(a), float(b), float(f)] for (a, b), f in zip(est_iv, est_hz)]}
    t = mir_eval.transcription
    out["with_offsets"] = list(t.precision_recall_f1_overlap(ref_iv, ref_hz, est_iv, est_hz))
    out["no_offsets"] = list(t.precision_recall_f1_overlap(ref_iv, ref_hz, est_iv, est_hz,
                                                           offset_ratio=None))
    out["matching_with_offsets"] = [[int(a), int(b)] for a, b in
                                    t.match_notes(ref_iv, ref_hz, est_iv, est_hz)]
    out["onsets_only"] = list(t.onset_precision_recall_f1(ref_iv, est_iv))
    out["offsets_only"] = list(t.offset_precision_recall_f1(ref_iv, est_iv))

    # multipitch: the reference on a 10 ms grid, the estimate on an 11.6 ms grid (resampled)
    def frames(iv, p, times):
        return [np.array([hz(m) for (a, b), m in zip(iv, p) if a <= tt < b]) for tt in times]
    ref_t = np.arange(0, 10.5, 0.01)
    est_t = np.arange(0.003, 10.4, 0.0116)
    ref_f = frames(ref_iv, ref_p, ref_t)
    est_f = frames(est_iv, est_p, est_t)
    out["multipitch"] = {
        "ref_times": ref_t.tolist(), "ref_freqs": [f.tolist() for f in ref_f],
        "est_times": est_t.tolist(), "est_freqs": [f.tolist() for f in est_f],
        "metrics": [float(v) for v in mir_eval.multipitch.metrics(ref_t, ref_f, est_t, est_f)]}
    return out


if __name__ == "__main__":
    with open(os.path.join(HERE, "separation.json"), "w") as f:
        json.dump(separation_fixtures(), f, indent=1)
    with open(os.path.join(HERE, "transcription.json"), "w") as f:
        json.dump(transcription_fixtures(), f, indent=1)
    print("written to", HERE)
