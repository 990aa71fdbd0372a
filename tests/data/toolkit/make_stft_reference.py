#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes stft_reference.pt: inputs, torch.stft outputs and inverse outputs that tst_stft compares
# the toolkit's stft()/istft() with. Run with Debian's /usr/bin/python3 (torch 1.13):
#   /usr/bin/python3 tests/data/toolkit/make_stft_reference.py
# Every complex tensor is stored as torch.view_as_real (float32 [..., 2]). A plain dict in zip
# format, readable by libtorch's torch::pickle_load.
import os

import numpy as np
import torch

torch.manual_seed(20201011)
out = {}
out["x_stereo"] = torch.randn(2, 1601)
out["x_mono"] = torch.randn(1500)

# name, input, n_fft, hop, win_length, window fn, center, pad_mode, normalized
CASES = [
    ("c512_reflect", "x_stereo", 512, 128, 512, torch.hann_window, True, "reflect", False),
    ("c1024_constant", "x_mono", 1024, 256, 1024, torch.hann_window, True, "constant", False),
    ("c256_win200_hamming", "x_stereo", 256, 64, 200, torch.hamming_window, True, "reflect", False),
    ("c512_normalized", "x_mono", 512, 160, 512, torch.hann_window, True, "reflect", True),
    ("u512", "x_stereo", 512, 128, 512, torch.hann_window, False, "reflect", False),
    ("u1024_hop300", "x_mono", 1024, 300, 1024, torch.hann_window, False, "reflect", False),
]


def uncentred_inverse(X, window, n_fft, hop, normalized):
    """librosa.istft(center=False): irfft, window, overlap-add, divide where envelope > tiny."""
    frames = np.fft.irfft(X.numpy().astype(np.complex128), n=n_fft, axis=-2)
    if normalized:
        frames *= np.sqrt(n_fft)
    w = window.double().numpy()
    left = (n_fft - len(w)) // 2
    w = np.pad(w, (left, n_fft - len(w) - left))
    frames *= w[:, None]
    n = X.shape[-1]
    total = n_fft + hop * (n - 1)
    y = np.zeros(X.shape[:-2] + (total,))
    env = np.zeros(total)
    for i in range(n):
        y[..., i * hop:i * hop + n_fft] += frames[..., i]
        env[i * hop:i * hop + n_fft] += w * w
    ok = env > np.finfo(np.float32).tiny
    y[..., ok] /= env[ok]
    y[..., ~ok] = 0.0
    return torch.from_numpy(y).float()


for name, xname, n_fft, hop, win, wfn, center, pad, norm in CASES:
    x = out[xname]
    w = wfn(win)
    X = torch.stft(x, n_fft, hop, win, w, center=center, pad_mode=pad, normalized=norm,
                   onesided=True, return_complex=True)
    out[name + "_X"] = torch.view_as_real(X).contiguous()
    if center:
        y = torch.istft(X, n_fft, hop, win, w, center=True, normalized=norm, onesided=True,
                        length=x.shape[-1])
    else:
        y = uncentred_inverse(X, w, n_fft, hop, norm)
    out[name + "_y"] = y.contiguous()

here = os.path.dirname(os.path.abspath(__file__))
torch.save(out, os.path.join(here, "stft_reference.pt"))
for k, v in out.items():
    print(k, tuple(v.shape), v.dtype)
