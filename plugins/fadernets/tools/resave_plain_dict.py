# SPDX-License-Identifier: GPL-3.0-or-later
# Re-saves a libtorch torch::pickle_save'd {name: tensor} dict as a plain torch.save dict (the
# toolkit's restricted unpickler refuses pickle_save's type tags). Usage: resave_plain_dict.py FILE
import sys
import torch

d = torch.load(sys.argv[1], map_location="cpu")
torch.save({k: v.clone().contiguous() for k, v in d.items()}, sys.argv[1])
