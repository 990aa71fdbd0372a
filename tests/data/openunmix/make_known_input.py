#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Expected outputs of the shipped Open-Unmix weights (resources/models/openunmix/*.pt) on a fixed
input, computed by an independent PyTorch implementation of the OpenUnmix forward pass that loads
the files with load_state_dict(strict=True). Also proves Python reads the weight files.

Run from the repository root:  /usr/bin/python3 tests/data/openunmix/make_known_input.py
Writes tests/data/openunmix/known_input.pt (plain dict: input + one output per target).
"""
import glob
import os

import torch
from torch import nn

torch.set_num_threads(1)


class Umx(nn.Module):
    def __init__(self, sd):
        super().__init__()
        hidden, in_features = sd["fc1.weight"].shape
        self.max_bin = sd["input_mean"].shape[0]
        self.bins = sd["output_mean"].shape[0]
        self.channels = in_features // self.max_bin
        layers = len([k for k in sd if k.startswith("lstm.weight_ih_l") and not k.endswith("reverse")])
        bidirectional = "lstm.weight_ih_l0_reverse" in sd
        self.hidden = hidden
        self.input_mean = nn.Parameter(torch.zeros(self.max_bin))
        self.input_scale = nn.Parameter(torch.ones(self.max_bin))
        self.output_scale = nn.Parameter(torch.ones(self.bins))
        self.output_mean = nn.Parameter(torch.ones(self.bins))
        self.fc1 = nn.Linear(in_features, hidden, bias=False)
        self.bn1 = nn.BatchNorm1d(hidden)
        self.lstm = nn.LSTM(hidden, hidden // 2 if bidirectional else hidden, num_layers=layers,
                            bidirectional=bidirectional)
        self.fc2 = nn.Linear(2 * hidden, hidden, bias=False)
        self.bn2 = nn.BatchNorm1d(hidden)
        self.fc3 = nn.Linear(hidden, self.bins * self.channels, bias=False)
        self.bn3 = nn.BatchNorm1d(self.bins * self.channels)
        self.load_state_dict(sd, strict=True)

    def forward(self, spec):  # (samples, channels, bins, frames)
        x = spec.permute(3, 0, 1, 2)
        frames, samples = x.shape[0], x.shape[1]
        h = (x[..., : self.max_bin] + self.input_mean) * self.input_scale
        h = torch.tanh(self.bn1(self.fc1(h.reshape(frames * samples, -1))).reshape(frames, samples, -1))
        h = torch.cat([h, self.lstm(h)[0]], -1)
        h = torch.relu(self.bn2(self.fc2(h.reshape(frames * samples, -1))))
        h = self.bn3(self.fc3(h)).reshape(frames, samples, self.channels, self.bins)
        h = torch.relu(h * self.output_scale + self.output_mean) * x
        return h.permute(1, 2, 3, 0)


def main():
    files = sorted(glob.glob("resources/models/openunmix/*.pt"))
    assert files, "run from the repository root after the weights exist"
    gen = torch.Generator().manual_seed(1234)
    out = {}
    for path in files:
        model = Umx(torch.load(path)).eval()
        if "input" not in out:
            # A magnitude spectrogram with structure: decaying random values plus harmonic ridges.
            bins = model.bins
            decay = torch.exp(-torch.arange(bins, dtype=torch.float32) / 300.0)
            spec = torch.rand(1, model.channels, bins, 12, generator=gen) * decay[:, None] * 4.0
            spec[:, :, 40::40, :] += 10.0
            out["input"] = spec
        with torch.no_grad():
            out[os.path.basename(path)[:-3]] = model(out["input"])
    torch.save(out, "tests/data/openunmix/known_input.pt")
    for k, v in out.items():
        print(k, tuple(v.shape), float(v.abs().max()))


if __name__ == "__main__":
    main()
