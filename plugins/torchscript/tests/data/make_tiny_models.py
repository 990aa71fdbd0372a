#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exports the tiny TorchScript models the torchscript plugin tests load.

Run with Debian's interpreter (python3-torch):
    /usr/bin/python3 plugins/torchscript/tests/data/make_tiny_models.py

nn~ convention (IRCAM acids-ircam/nn_tilde): every exposed method `m` has a buffer
`m_params` = [in_channels, in_ratio, out_channels, out_ratio] and the module lists them in
`get_methods()`; a method takes [batch, in_channels, frames] and returns
[batch, out_channels, frames * in_ratio / out_ratio].

streaming_ae.ts  forward: x delayed by one sample through a cache that survives between calls
                 (as cached_conv models do), times 0.5; encode: mean and peak of each block of
                 4 samples (2 latent channels at ratio 4); decode: the mean held for 4 samples.
                 Attribute sampling_rate = 16000.
plain_forward.ts a module with only forward (x * 2 + 1) and no nn~ metadata.
bad_ratio.ts     declares forward_params [1, 1, 1, 1] but returns half as many frames.
"""
import os
from typing import List

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


class StreamingAE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("forward_params", torch.tensor([1, 1, 1, 1]))
        self.register_buffer("encode_params", torch.tensor([1, 1, 2, 4]))
        self.register_buffer("decode_params", torch.tensor([2, 4, 1, 1]))
        self.register_buffer("cache", torch.zeros(1, 1, 1))
        self.sampling_rate = 16000

    def forward(self, x):
        padded = torch.cat([self.cache, x], -1)
        self.cache.copy_(padded[..., -1:])
        return 0.5 * padded[..., :-1]

    @torch.jit.export
    def encode(self, x):
        blocks = x.reshape(x.shape[0], x.shape[-1] // 4, 4)
        mean = blocks.mean(-1)
        peak = blocks.abs().amax(-1)
        return torch.stack([mean, peak], 1)

    @torch.jit.export
    def decode(self, z):
        return z[:, :1, :].repeat_interleave(4, -1)

    @torch.jit.export
    def get_methods(self) -> List[str]:
        return ["forward", "encode", "decode"]


class PlainForward(torch.nn.Module):
    def forward(self, x):
        return x * 2.0 + 1.0


class BadRatio(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("forward_params", torch.tensor([1, 1, 1, 1]))

    def forward(self, x):
        return x[..., ::2]


if __name__ == "__main__":
    torch.jit.script(StreamingAE()).save(os.path.join(HERE, "streaming_ae.ts"))
    torch.jit.script(PlainForward()).save(os.path.join(HERE, "plain_forward.ts"))
    torch.jit.script(BadRatio()).save(os.path.join(HERE, "bad_ratio.ts"))
    print("written to", HERE)
