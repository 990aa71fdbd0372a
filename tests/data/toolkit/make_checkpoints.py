#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the small checkpoints tst_checkpointreader reads, with Debian's torch 1.13:
#   /usr/bin/python3 tests/data/toolkit/make_checkpoints.py
# ckpt_{legacy,zip}_{ordered,dict,nested,param}.pt: the same tensors saved by torch.save in the
#   legacy (non-zip) and zip formats, as an OrderedDict state dict (with _metadata), a plain
#   dict, a dict nesting the state dict beside other values, and nn.Parameters.
# ckpt_expected.pt: each tensor as a contiguous copy in a plain dict (torch::pickle_load reads it).
# ckpt_{legacy,zip}_malicious.pt: a pickle whose __reduce__ calls os.system; must be refused.
import collections
import os

import torch

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(6)

base = torch.arange(12, dtype=torch.float32).view(3, 4) * 0.5 - 1.0
state = collections.OrderedDict()
state["conv.weight"] = torch.randn(2, 3, 2, 2)
state["conv.bias"] = torch.randn(2).double()
state["bn.num_batches_tracked"] = torch.tensor(17, dtype=torch.int64)
state["emb.half"] = torch.randn(5).half()
state["emb.bf16"] = torch.randn(3).bfloat16()
state["mask"] = torch.tensor([True, False, True])
state["index"] = torch.tensor([-3, 0, 2**40], dtype=torch.int64)
state["base"] = base
state["transposed"] = base.t()           # non-contiguous view, shares base's storage
state["row_slice"] = base[1:, 1::2]      # offset and strides into the same storage
state["bytes"] = torch.tensor([0, 255, 7], dtype=torch.uint8)
state["int32"] = torch.tensor([[-1, 2], [3, -4]], dtype=torch.int32)
state["empty"] = torch.zeros(0, 3)
state._metadata = collections.OrderedDict([("", {"version": 1}), ("bn", {"version": 2})])

plain = dict(state)
nested = {"state_dict": state, "epoch": 3, "best_loss": 0.125, "name": "tiny",
          "history": [1.5, 2.5], "shape": (2, 3)}
params = collections.OrderedDict(
    [("w", torch.nn.Parameter(torch.randn(2, 2))),
     ("b", torch.nn.Parameter(torch.randn(2), requires_grad=False))])


class Malicious:
    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/mirstudio_pwned",))


def save(obj, name, zip_format):
    torch.save(obj, os.path.join(here, name), _use_new_zipfile_serialization=zip_format)


for fmt, zip_format in (("legacy", False), ("zip", True)):
    save(state, f"ckpt_{fmt}_ordered.pt", zip_format)
    save(plain, f"ckpt_{fmt}_dict.pt", zip_format)
    save(nested, f"ckpt_{fmt}_nested.pt", zip_format)
    save(params, f"ckpt_{fmt}_param.pt", zip_format)
    save({"weights": torch.ones(2), "payload": Malicious()}, f"ckpt_{fmt}_malicious.pt", zip_format)

expected = {k: v.detach().contiguous().clone() for k, v in state.items()}
expected.update({"param." + k: v.detach().clone() for k, v in params.items()})
torch.save(expected, os.path.join(here, "ckpt_expected.pt"))
for k, v in expected.items():
    print(k, tuple(v.shape), v.dtype)
