#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cuts the small held-out clip that tst_umxrenderedweights scores with the shipped
resources/models/openunmix-rendered weights.

The song is POP909 song 024, rendered by the project (not used in training):

    OMP_WAIT_POLICY=passive build/plugins/openunmix/umx-train --data /tmp/umx-rendered \
        --render /work/shared/data/pop909 --render-songs 24 --render-seconds 30 \
        --render-seed 1 --render-only
    /usr/bin/python3 tests/data/openunmix/make_rendered_clip.py /tmp/umx-rendered/pop909_024

It keeps 2.2 s from 20 s on (every stem sounds there), averages the channels, resamples
44.1 kHz -> 16 kHz (the models see 0-8 kHz only) and writes the four stems as 16-bit WAV
(about 70 KB each). The test rebuilds the mixture as the sum of the stems.
"""
import os
import sys

import numpy as np
from scipy.io import wavfile
from scipy.signal import resample_poly

STEMS = ["vocals", "bass", "drums", "other"]
START_S, LENGTH_S, RATE = 20.0, 2.2, 16000


def main(song, out=os.path.join(os.path.dirname(os.path.abspath(__file__)), "rendered_clip")):
    os.makedirs(out, exist_ok=True)
    stems = {}
    for name in STEMS:
        rate, x = wavfile.read(os.path.join(song, name + ".wav"))
        x = x.astype(np.float64).mean(axis=1)[int(START_S * rate):int((START_S + LENGTH_S) * rate)]
        stems[name] = resample_poly(x, 160, 441)[: int(LENGTH_S * RATE)]
    peak = np.abs(sum(stems.values())).max()
    scale = 0.9 / peak if peak > 0.9 else 1.0
    for name, x in stems.items():
        wavfile.write(os.path.join(out, name + ".wav"), RATE, np.round(x * scale * 32767).astype(np.int16))


if __name__ == "__main__":
    main(*sys.argv[1:])
