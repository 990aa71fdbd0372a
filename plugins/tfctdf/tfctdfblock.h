// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/tfctdf/tdflayer.h"
#include "plugins/tfctdf/tfcblock.h"

#include <torch/torch.h>

namespace mirstudio::tfctdf {

/**
 * TFC-TDF block (official `TFC_TIF`): y = TFC(x); return y + TDF(y) (the residual goes around the
 * TDF only). Parameters under "tfc.H.*" and "tif.tif.*". Owned by its parent; one thread at a time.
 */
class TfcTdfBlockImpl : public torch::nn::Module
{
public:
    TfcTdfBlockImpl(TfcBlock tfc, TdfLayer tdf);
    torch::Tensor forward(const torch::Tensor &x);

private:
    TfcBlock m_tfc;
    TdfLayer m_tdf;
};
TORCH_MODULE(TfcTdfBlock);

} // namespace mirstudio::tfctdf
