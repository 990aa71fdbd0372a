#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the reference values tst_features checks chromaFilterbank against: a NumPy transcription
# of librosa.filters.chroma (librosa is not installed here; the values printed in librosa's own
# docstring come from an older formula and do not match its current code). Run with
#   /usr/bin/python3 tests/data/toolkit/make_chroma_reference.py
import numpy as np


def chroma(sr, n_fft, n_chroma=12, a440=440.0, ctroct=5.0, octwidth=2.0, base_c=True):
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    d = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    half = np.round(float(n_chroma) / 2)
    d = np.remainder(d + half + 10 * n_chroma, n_chroma) - half
    wts = np.exp(-0.5 * (2 * d / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    wts = wts / np.sqrt((wts ** 2).sum(axis=0, keepdims=True))
    if octwidth is not None:
        wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - ctroct) / octwidth) ** 2)),
                       (n_chroma, 1))
    if base_c:
        wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return wts[:, : int(1 + n_fft / 2)]


for name, w in (("default", chroma(22050, 4096)), ("flat", chroma(22050, 4096, octwidth=None))):
    for row in (0, 1, 11):
        print(name, row, ", ".join("%.6e" % v for v in (w[row, 0], w[row, 1], w[row, -2], w[row, -1])))
